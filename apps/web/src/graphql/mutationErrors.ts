import { gql } from "urql";
import type { FieldError } from "./mutationResult";

/**
 * The typed errors every mutation union carries (NotFoundError, ForbiddenError, ConflictError,
 * ValidationError), read through the shared Error interface. Spread it into the union's selection.
 */
export const MutationErrorFields = gql`
  fragment MutationErrorFields on Error {
    message
    ... on ValidationError {
      fieldErrors {
        path
        message
      }
    }
  }
`;

/** What MutationErrorFields selects, as the TypeScript side of a mutation's result union. */
export type MutationError = { __typename: string; message: string; fieldErrors?: FieldError[] };
