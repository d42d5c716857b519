import { type FormEvent, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { fieldError, formError } from "../api/api-error.ts";
import { trpc, type Workflow } from "../api/trpc.ts";
import { usePageTitle } from "../app/page-title.ts";
import { ParamsFields } from "../params/params-fields.tsx";
import { useParamsDraft } from "../params/use-params-draft.ts";
import { AccountFields, type AccountValues, accountInput } from "../ui/account-fields.tsx";
import { Field } from "../ui/field.tsx";
import { ErrorNotice, Loading } from "../ui/notices.tsx";

const FIELDS = ["handle", "targetType", "notes", "slug", "params"];

/** The workflows, and a form to run one ad hoc: fill in who it is about, then Run on a card. */
export function WorkflowsPage() {
  usePageTitle("Workflows");
  const navigate = useNavigate();
  const workflows = trpc.workflows.list.useQuery();
  const run = trpc.workflows.run.useMutation({
    onSuccess: ({ runId }) => navigate(`/runs/${runId}`),
  });
  const [slug, setSlug] = useState("");
  const [account, setAccount] = useState<AccountValues>({ handle: "", targetType: "brand", notes: "" });
  const handleInput = useRef<HTMLInputElement>(null);

  const startable = workflows.data?.filter((w) => w.startable);
  const selected = slug || startable?.[0]?.slug || "";
  const workflow = workflows.data?.find((w) => w.slug === selected);
  const params = useParamsDraft(workflow);

  function start(workflowSlug: string) {
    run.mutate({
      slug: workflowSlug,
      ...accountInput(account),
      ...(workflowSlug === selected && params.input && { params: params.input }),
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (selected) start(selected);
  }

  function runFromCard(workflow: Workflow) {
    setSlug(workflow.slug);
    // Without a handle the API's message lands beside the field; bring it into view.
    if (!account.handle.trim()) handleInput.current?.focus();
    start(workflow.slug);
  }

  return (
    <section className="page" aria-labelledby="workflows-title">
      <h1 id="workflows-title">Workflows</h1>
      <p className="lede">
        Each workflow is a team of agents working through a DAG. Say whose account it is about, then run one.
      </p>

      <form className="panel run-form" onSubmit={submit} aria-labelledby="adhoc-title" noValidate>
        <h2 id="adhoc-title">Run ad hoc</h2>
        <div className="form-grid">
          <Field label="Workflow" error={fieldError(run.error, "slug")}>
            {(control) => (
              <select {...control} value={selected} onChange={(e) => setSlug(e.target.value)}>
                {startable?.map((w) => (
                  <option key={w.slug} value={w.slug}>
                    {w.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <AccountFields values={account} onChange={setAccount} error={run.error} handleRef={handleInput} />
          {params.schema && workflow && (
            <ParamsFields
              schema={params.schema}
              values={params.draft}
              onChange={params.setDraft}
              error={run.error}
              optional={Object.keys(workflow.paramsFromLatestRun)}
            />
          )}
        </div>
        {formError(run.error, FIELDS) && <ErrorNotice>{formError(run.error, FIELDS)}</ErrorNotice>}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={run.isPending || !selected}>
            {run.isPending ? "Starting…" : "Start run"}
          </button>
        </div>
      </form>

      <h2>All workflows</h2>
      {workflows.isPending && <Loading what="workflows" />}
      {workflows.error && <ErrorNotice>Could not load the workflows: {workflows.error.message}</ErrorNotice>}
      <ul className="card-grid">
        {workflows.data?.map((workflow) => (
          <li key={workflow.slug} className="card" data-testid={`workflow-${workflow.slug}`}>
            <h3>{workflow.name}</h3>
            <p>{workflow.description}</p>
            <p className="muted">
              {workflow.startable ? `${workflow.stepCount} steps` : "Cannot run"}
              {workflow.steps.some((s) => s.targetOutputField) && " · with an approval gate"}
              {" · "}
              <span
                className="mono"
                title={`Definition version; ${workflow.source === "code" ? "defined in the code" : "stored in this workspace"}`}
              >
                v{workflow.version}
              </span>
            </p>
            {!workflow.startable && (
              <ErrorNotice>
                This stored definition no longer validates:
                <ul>
                  {workflow.problems.map((p) => (
                    <li key={`${p.stepKey}:${p.message}`}>
                      {p.stepKey && <strong>{p.stepKey}: </strong>}
                      {p.message}
                    </li>
                  ))}
                </ul>
              </ErrorNotice>
            )}
            <div className="card-actions">
              <button
                type="button"
                className="button"
                disabled={run.isPending || !workflow.startable}
                onClick={() => runFromCard(workflow)}
              >
                Run <span className="sr-only">{workflow.name}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
