import { builder } from "../builder.ts";

// Every root field needs a signed-in user or a valid API token; without one the field fails with
// extensions.code UNAUTHENTICATED (login/logout are plain HTTP routes, not GraphQL).
builder.queryType({ authScopes: { authenticated: true } });
builder.mutationType({ authScopes: { authenticated: true } });
builder.subscriptionType({ authScopes: { authenticated: true } });
