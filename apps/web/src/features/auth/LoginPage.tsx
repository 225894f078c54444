import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { LanguageSwitch } from "../shell/LanguageSwitch";
import { type LoginErrorCode, login, safeNextPath } from "./authApi";

export function LoginPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<LoginErrorCode | null>(null);
  // After repeated failures the server answers 429 with Retry-After: count it down, then allow again.
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const secondsLeft = useCountdown(waitUntil);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const result = await login(email.trim(), password);
    if (result.ok) {
      // A full navigation starts the app with a fresh GraphQL cache and subscription streams that
      // carry the new session cookie.
      window.location.assign(safeNextPath(searchParams.get("next")));
      return;
    }
    setSubmitting(false);
    setError(result.error);
    setWaitUntil(result.retryAfterSeconds ? Date.now() + result.retryAfterSeconds * 1000 : null);
  }

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={400} radius="md">
        <form onSubmit={handleSubmit} data-testid="login-form">
          <Stack>
            <Title order={2}>{t("login.title")}</Title>
            <Text c="dimmed" size="sm">
              {t("login.subtitle")}
            </Text>
            {error && (
              <Alert color="red" data-testid="login-error" title={t("login.failedTitle")}>
                {error === "RATE_LIMITED" && secondsLeft > 0 ? t("login.waitSeconds", { count: secondsLeft }) : t(`login.errors.${error}`)}
              </Alert>
            )}
            <TextInput
              label={t("login.email")}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              data-testid="login-email"
            />
            <PasswordInput
              label={t("login.password")}
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              data-testid="login-password"
            />
            <Button type="submit" loading={submitting} disabled={secondsLeft > 0} data-testid="login-submit">
              {t("login.submit")}
            </Button>
            <Text size="sm" c="dimmed" data-testid="login-demo-hint">
              {t("login.demoHint", { email: "operator@demo.test", password: "demo-password" })}
            </Text>
            <LanguageSwitch />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

/** Whole seconds until `until` (epoch ms), updated every second; 0 when past or unset. */
function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}
