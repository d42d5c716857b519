import { Link } from "react-router";
import { errorLinks } from "./error-links.ts";

/** An error message as plain text, followed by a link to each dashboard page it names. */
export function ErrorText({ text }: { text: string }) {
  const links = errorLinks(text);
  return (
    <>
      {text}
      {links.map(({ path, text: label }) => (
        <span key={path}>
          {" "}
          <Link to={path} className="error-link" data-testid="error-link">
            {label}
          </Link>
        </span>
      ))}
    </>
  );
}
