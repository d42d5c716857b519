import { type FormEvent, useId, useState } from "react";
import { Link, useNavigate } from "react-router";
import { fieldError, formError } from "../api/api-error.ts";
import { type Brief, trpc } from "../api/trpc.ts";
import { usePageTitle } from "../app/page-title.ts";
import { formatDateTime } from "../format.ts";
import { ParamsFields } from "../params/params-fields.tsx";
import { useParamsDraft } from "../params/use-params-draft.ts";
import { AccountFields, type AccountValues, accountInput } from "../ui/account-fields.tsx";
import { ErrorNotice, InfoNotice, Loading } from "../ui/notices.tsx";

const FIELDS = ["outcome", "handle", "targetType", "notes", "params"];

/** A brief says what a marketer wants (an outcome) for which account; it can then be run. */
export function NewBriefPage() {
  usePageTitle("New brief");
  const utils = trpc.useUtils();
  const outcomes = trpc.briefs.outcomes.useQuery();
  const workflows = trpc.workflows.list.useQuery();
  const create = trpc.briefs.create.useMutation({
    onSuccess: (brief) => {
      setCreated(brief);
      void utils.briefs.list.invalidate();
    },
  });
  const [outcome, setOutcome] = useState<string>();
  const [account, setAccount] = useState<AccountValues>({ handle: "", targetType: "brand", notes: "" });
  const [created, setCreated] = useState<Brief>();
  const outcomeErrorId = useId();

  const chosen = outcome ?? outcomes.data?.[0]?.value;
  const outcomeError = fieldError(create.error, "outcome");
  const workflow = workflows.data?.find((w) => w.slug === chosen);
  const params = useParamsDraft(workflow);

  function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(undefined);
    if (!chosen) return;
    create.mutate({
      outcome: chosen,
      ...accountInput(account),
      ...(params.input && { params: params.input }),
    });
  }

  return (
    <section className="page" aria-labelledby="brief-title">
      <h1 id="brief-title">New brief</h1>
      <p className="lede">Say what you want for which account; the matching workflow does the work.</p>

      <form className="panel stack" onSubmit={submit} noValidate aria-labelledby="brief-title">
        <fieldset className="outcomes" aria-describedby={outcomeError ? outcomeErrorId : undefined}>
          <legend>Outcome</legend>
          {outcomes.isPending && <Loading what="outcomes" />}
          {outcomes.error && <ErrorNotice>Could not load the outcomes: {outcomes.error.message}</ErrorNotice>}
          {outcomes.data?.map((o) => (
            <label key={o.value} className="choice">
              <input
                type="radio"
                name="outcome"
                value={o.value}
                checked={chosen === o.value}
                onChange={() => setOutcome(o.value)}
              />
              <span>
                <span className="choice-label">{o.label}</span>
                <span className="choice-description">{o.description}</span>
              </span>
            </label>
          ))}
          {outcomeError && (
            <p className="field-error" id={outcomeErrorId}>
              {outcomeError}
            </p>
          )}
        </fieldset>
        <div className="form-grid">
          <AccountFields values={account} onChange={setAccount} error={create.error} notesRows={3} />
          {params.schema && workflow && (
            <ParamsFields
              schema={params.schema}
              values={params.draft}
              onChange={params.setDraft}
              error={create.error}
              optional={Object.keys(workflow.paramsFromLatestRun)}
            />
          )}
        </div>
        {formError(create.error, FIELDS) && <ErrorNotice>{formError(create.error, FIELDS)}</ErrorNotice>}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={create.isPending || !chosen}>
            {create.isPending ? "Creating…" : "Create brief"}
          </button>
        </div>
      </form>

      {created && <CreatedBrief brief={created} outcomeLabel={labelOf(outcomes.data, created.outcome)} />}

      <h2>Recent briefs</h2>
      <RecentBriefs outcomeLabels={outcomes.data} />
    </section>
  );
}

type Outcomes = { value: string; label: string }[] | undefined;

function labelOf(outcomes: Outcomes, value: string): string {
  return outcomes?.find((o) => o.value === value)?.label ?? value;
}

function CreatedBrief({ brief, outcomeLabel }: { brief: Brief; outcomeLabel: string }) {
  return (
    <div className="panel panel-success" role="status" data-testid="brief-created">
      <p>
        Brief created: <strong>{outcomeLabel}</strong> for <strong>@{brief.handle}</strong>.
      </p>
      <RunBriefButton brief={brief} label="Run it" primary />
    </div>
  );
}

function RunBriefButton({
  brief,
  label,
  primary,
}: {
  brief: Brief;
  label: React.ReactNode;
  primary?: boolean;
}) {
  const navigate = useNavigate();
  const run = trpc.workflows.run.useMutation({ onSuccess: ({ runId }) => navigate(`/runs/${runId}`) });
  return (
    <span className="inline-action">
      <button
        type="button"
        className={primary ? "button button-primary" : "button button-small"}
        disabled={run.isPending}
        onClick={() => run.mutate({ slug: brief.outcome, briefId: brief.id })}
      >
        {run.isPending ? "Starting…" : label}
      </button>
      {run.error && (
        <span className="field-error" role="alert">
          {run.error.message}
        </span>
      )}
    </span>
  );
}

function RecentBriefs({ outcomeLabels }: { outcomeLabels: Outcomes }) {
  const briefs = trpc.briefs.list.useQuery();
  if (briefs.isPending) return <Loading what="briefs" />;
  if (briefs.error) return <ErrorNotice>Could not load the briefs: {briefs.error.message}</ErrorNotice>;
  if (briefs.data.length === 0) return <InfoNotice>No briefs yet.</InfoNotice>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Handle</th>
            <th scope="col">Target</th>
            <th scope="col">Outcome</th>
            <th scope="col">Notes</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {briefs.data.slice(0, 20).map((brief) => (
            <tr key={brief.id}>
              <td>@{brief.handle}</td>
              <td>{brief.targetType}</td>
              <td>{labelOf(outcomeLabels, brief.outcome)}</td>
              <td className="cell-notes">{brief.notes ?? "—"}</td>
              <td>{formatDateTime(brief.createdAt)}</td>
              <td>
                <RunBriefButton
                  brief={brief}
                  label={
                    <>
                      Run{" "}
                      <span className="sr-only">
                        brief for @{brief.handle} created {formatDateTime(brief.createdAt)}
                      </span>
                    </>
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Runs started from briefs appear under <Link to="/runs">Runs</Link>.
      </p>
    </div>
  );
}
