import { Button, Center } from "@mantine/core";
import { IconMapOff } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { EmptyState } from "../components/States";

export function NotFoundPage({ standalone }: { standalone?: boolean }) {
  const content = (
    <EmptyState
      testId="not-found"
      icon={<IconMapOff size={28} stroke={1.5} />}
      title="Page not found"
      description="The page you asked for does not exist or you do not have access to it."
      action={
        <Button component={Link} to="/" variant="light">
          Back to orders
        </Button>
      }
    />
  );
  return standalone ? <Center h="100vh">{content}</Center> : content;
}
