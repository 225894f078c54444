import { ActionIcon, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useMutation, useQuery } from "urql";
import { nodesOf } from "../../graphql/connection";
import { useSubscriptionEvents } from "../../graphql/useSubscriptionEvents";
import { useSession } from "../../session/SessionProvider";
import { OperationRunsChangedSubscription } from "../operations/documents";
import { BellIcon } from "../shell/BellIcon";
import { MarkNotificationsReadMutation, type NotificationItem, NotificationsQuery } from "./documents";
import { inAppPath } from "./notificationLinks";
import { useLabels } from "../../i18n/useLabels";
import { Time } from "../shared/Time";

export function NotificationBell() {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const { workspaceId } = useSession();
  const [opened, setOpened] = useState(false);
  const [result, reexecute] = useQuery({ query: NotificationsQuery, requestPolicy: "cache-and-network" });
  const [, markRead] = useMutation(MarkNotificationsReadMutation);

  const refresh = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  // Notifications are written when a run reaches a final state; runs changing is the cue to look,
  // debounced so a burst of progress ticks costs one request.
  const refreshSoon = useDebouncedCallback(refresh, 750);
  useSubscriptionEvents(
    OperationRunsChangedSubscription,
    { workspaceId: workspaceId ?? "", environmentIds: null },
    (data) => {
      if (data.operationRunsChanged.status === "COMPLETED") refreshSoon();
    },
    !workspaceId,
  );

  const items = nodesOf(result.data?.notifications);
  const unread = result.data?.unreadNotificationCount ?? 0;

  async function markAsRead(ids: string[]) {
    if (ids.length === 0) return;
    await markRead({ input: { ids } });
    refresh();
  }

  function openNotification(item: NotificationItem) {
    if (!item.readAt) void markAsRead([item.id]);
    const path = inAppPath(item.link, window.location.origin);
    if (path) {
      setOpened(false);
      navigate(path);
    }
  }

  return (
    <Popover opened={opened} onChange={setOpened} width="min(360px, calc(100vw - 16px))" position="bottom-end" shadow="md">
      {/* The popover's aria attributes belong on the button, not on the indicator around it. */}
      <Indicator label={unread} size={16} disabled={unread === 0} data-testid="notification-unread">
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t("notifications.title")}
            onClick={() => setOpened((value) => !value)}
            data-testid="notification-bell"
          >
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown>
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t("notifications.title")}</Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={unread === 0}
            onClick={() => markAsRead(items.filter((item) => !item.readAt).map((item) => item.id))}
          >
            {t("notifications.markAllRead")}
          </Button>
        </Group>
        <Divider mb="xs" />
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("notifications.empty")}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={400}>
            <Stack gap="xs">
              {items.map((item) => {
                const text = labels.notification(item);
                return (
                  <UnstyledButton
                    key={item.id}
                    onClick={() => openNotification(item)}
                    data-testid="notification-item"
                    data-kind={item.kind}
                    data-operation-type={item.params.find((param) => param.name === "type")?.value}
                  >
                    <Text size="sm" fw={item.readAt ? 400 : 700}>
                      {text.title}
                    </Text>
                    {text.body && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {text.body}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      <Time value={item.createdAt} />
                    </Text>
                  </UnstyledButton>
                );
              })}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
