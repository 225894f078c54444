import { gql } from "urql";

export interface NotificationItem {
  id: string;
  title: string;
  body: string | null;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export const NotificationsQuery = gql<
  { notifications: { edges: { node: NotificationItem }[] }; unreadNotificationCount: number },
  Record<string, never>
>`
  query Notifications {
    notifications(first: 20) {
      edges {
        node {
          id
          title
          body
          link
          readAt
          createdAt
        }
      }
    }
    unreadNotificationCount
  }
`;

export const MarkNotificationsReadMutation = gql<{ markNotificationsRead: { __typename: string } }, { input: { ids: string[] } }>`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      markedCount
      unreadCount
    }
  }
`;
