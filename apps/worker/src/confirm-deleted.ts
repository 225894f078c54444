import { type ContractKey, type GraphClient, isGraphRequestError } from "@atlas/graph-client";

/**
 * The ids the provider confirms deleted: GET by id answers 404. An object that answers, or that
 * cannot be read right now, is not confirmed gone, so a short listing never turns into a deletion.
 */
export async function confirmedDeleted(client: GraphClient, type: ContractKey, ids: readonly string[]): Promise<string[]> {
  const deleted: string[] = [];
  for (const id of ids) {
    try {
      await client.getObject(type, id);
    } catch (error) {
      if (isGraphRequestError(error) && error.status === 404) deleted.push(id);
    }
  }
  return deleted;
}
