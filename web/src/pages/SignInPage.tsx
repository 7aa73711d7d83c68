import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconAlertCircle, IconLock } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { isApiError } from "../api/client";
import { useLogin, useSession } from "../api/hooks";
import type { Role } from "../api/types";
import { Logo } from "../components/Logo";
import { ErrorState, FullPageLoader } from "../components/States";
import { homeFor } from "../lib/status";

/** Only follow a `next` link inside the area the role may use. */
function destination(role: Role, next: string | null): string {
  if (next?.startsWith("/")) {
    const area = role === "buyer" ? "/portal" : "/desk";
    if (next.startsWith(area)) return next;
  }
  return homeFor(role);
}

function loginErrorText(error: unknown): string {
  if (isApiError(error, "INVALID_CREDENTIALS")) return "That email and password do not match an account.";
  if (isApiError(error, "RATE_LIMITED")) return "Too many sign-in attempts. Wait a minute and try again.";
  if (isApiError(error)) return error.message;
  return "Sign-in failed. Try again.";
}

export function SignInPage() {
  const session = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState(false);

  if (session.isPending) return <FullPageLoader />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => session.refetch()} fullPage />;
  if (session.data.user && !login.isPending) {
    return <Navigate to={destination(session.data.user.role, params.get("next"))} replace />;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: (result) => {
          if (result.user) navigate(destination(result.user.role, params.get("next")), { replace: true });
        },
      },
    );
  };

  return (
    <Box
      mih="100vh"
      style={{
        background:
          "radial-gradient(1200px 600px at 10% -10%, var(--mantine-color-sea-1), transparent 60%), linear-gradient(180deg, var(--mantine-color-gray-0), var(--mantine-color-gray-1))",
      }}
    >
      <Center mih="100vh" p="md">
        <Stack w="100%" maw={400} gap="lg">
          <Center>
            <Logo size={36} />
          </Center>
          <Paper p="xl" shadow="sm" radius="lg">
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <div>
                  <Title order={3}>Sign in</Title>
                  <Text size="sm" c="dimmed" mt={4}>
                    Order management for your distribution business.
                  </Text>
                </div>
                {login.isError && (
                  <Alert
                    color="red"
                    variant="light"
                    icon={<IconAlertCircle size={18} />}
                    data-testid="login-error"
                  >
                    {loginErrorText(login.error)}
                  </Alert>
                )}
                <TextInput
                  label="Email"
                  type="email"
                  name="email"
                  autoComplete="username"
                  placeholder="you@company.com"
                  error={missing && !email.trim() ? "Enter your email" : undefined}
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  required
                  withAsterisk={false}
                  autoFocus
                />
                <PasswordInput
                  label="Password"
                  name="password"
                  autoComplete="current-password"
                  error={missing && !password ? "Enter your password" : undefined}
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  required
                  withAsterisk={false}
                />
                <Button
                  type="submit"
                  fullWidth
                  size="md"
                  loading={login.isPending}
                  leftSection={<IconLock size={16} />}
                >
                  Sign in
                </Button>
              </Stack>
            </form>
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            Wholesail is open-source order management for wholesale distributors.{" "}
            <Anchor href="/api/docs" size="xs">
              API docs
            </Anchor>
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
