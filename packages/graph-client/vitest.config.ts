import { unitProject } from "../../vitest.shared.ts";

// Unit tests: pure logic and in-process servers, no database.
export default unitProject("graph-client");
