import { graphql } from "./generated";

/**
 * The typed errors every mutation union carries (NotFoundError, ForbiddenError, ConflictError,
 * ValidationError), read through the shared Error interface. Spread it into the union's selection.
 */
export const MutationErrorFields = graphql(`
  fragment MutationErrorFields on Error {
    message
    ... on ValidationError {
      fieldErrors {
        path
        message
      }
    }
  }
`);
