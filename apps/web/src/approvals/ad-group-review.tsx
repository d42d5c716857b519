import type { AdGroupPayload } from "@tiktok-army/core/model";
import { type ReactNode, useId } from "react";
import { ageGroupLabel, constantLabel, genderLabel, locationLabel } from "./campaign-display.ts";
import { StringListEditor } from "./string-list-editor.tsx";

interface AdGroupReviewProps {
  group: AdGroupPayload;
  /** The hashtags as the reviewer has them now. */
  hashtags: readonly string[];
  /** Set when the gate lets the reviewer change them. */
  onHashtagsChange?: ((hashtags: string[]) => void) | undefined;
  error?: string | undefined;
  /** Why a hashtag is targeted (its evidence, or that the reviewer added it), shown beside its chip. */
  hashtagDetail?: ((hashtag: string) => ReactNode) | undefined;
}

/** One ad group: who it reaches, the hashtags it targets, and each ad as it will run. */
export function AdGroupReview({
  group,
  hashtags,
  onHashtagsChange,
  error,
  hashtagDetail,
}: AdGroupReviewProps) {
  const titleId = useId();
  const errorId = useId();
  return (
    <section className="ad-group" aria-labelledby={titleId} data-testid="ad-group">
      <h3 id={titleId}>Ad group “{group.adgroup_name}”</h3>
      <dl className="stats">
        <div>
          <dt>Locations</dt>
          <dd>{group.location_ids.map((id) => locationLabel(id)).join(", ")}</dd>
        </div>
        <div>
          <dt>Age groups</dt>
          <dd>{group.age_groups.map(ageGroupLabel).join(", ")}</dd>
        </div>
        <div>
          <dt>Gender</dt>
          <dd>{genderLabel(group.gender)}</dd>
        </div>
        <div>
          <dt>Placements</dt>
          <dd>{group.placements.map(constantLabel).join(", ")}</dd>
        </div>
        <div>
          <dt>Optimization goal</dt>
          <dd>
            {constantLabel(group.optimization_goal)} (billed by {group.billing_event})
          </dd>
        </div>
      </dl>
      {onHashtagsChange ? (
        <StringListEditor
          field={`hashtags of ${group.adgroup_name}`}
          legend="Hashtags targeted"
          items={hashtags}
          onChange={onHashtagsChange}
          hashtags
          detail={hashtagDetail}
          describedBy={error ? errorId : undefined}
        />
      ) : hashtags.length > 0 && hashtagDetail ? (
        <div>
          <p>
            <strong>Hashtags targeted</strong> ({hashtags.length})
          </p>
          <ul className="chips chips-detailed">
            {hashtags.map((tag) => (
              <li key={tag} className="chip-row" data-testid="chip">
                <span className="chip chip-fixed">#{tag}</span>
                <span className="chip-detail" data-testid="chip-detail">
                  {hashtagDetail(tag)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>
          <strong>Hashtags:</strong> {hashtags.length > 0 ? hashtags.map((t) => `#${t}`).join(" ") : "none"}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      <ol className="ads plain-list">
        {group.ads.map((ad) => (
          <li key={ad.ad_name} className="ad" data-testid="ad">
            <blockquote className="ad-text">
              <p>{ad.ad_text}</p>
            </blockquote>
            <p className="muted">
              {constantLabel(ad.call_to_action)} button · Spark Ad of video <code>{ad.tiktok_item_id}</code> ·{" "}
              {ad.ad_name}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
