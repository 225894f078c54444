import { builder } from "../builder.ts";

// Every root field needs a signed-in user or a valid API token (signed-in-root-plugin.ts); without
// one the field fails with extensions.code UNAUTHENTICATED (login/logout are plain HTTP routes).
builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
