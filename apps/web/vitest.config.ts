import { unitProject } from "../../vitest.shared.ts";

// Unit tests cover pure logic only (list merging, result interpretation, document validation),
// so they run in node without a DOM.
export default unitProject("web", { test: { environment: "node" } });
