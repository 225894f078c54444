import { graphql } from "../../graphql/generated";
import type { NotificationsQuery as NotificationsData } from "../../graphql/generated/graphql";

export const NotificationsQuery = graphql(`
  query Notifications {
    notifications(first: 20) {
      edges {
        node {
          id
          kind
          title
          body
          params {
            name
            value
          }
          link
          readAt
          createdAt
        }
      }
    }
    unreadNotificationCount
  }
`);

export type NotificationItem = NotificationsData["notifications"]["edges"][number]["node"];

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      markedCount
      unreadCount
    }
  }
`);
