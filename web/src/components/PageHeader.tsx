import { Box, Group, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

export function PageHeader({
  title,
  subtitle,
  actions,
  above,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  above?: ReactNode;
}) {
  return (
    <Box mb="lg">
      {above && <Box mb={6}>{above}</Box>}
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <div>
          <Title order={2} fz={26}>
            {title}
          </Title>
          {subtitle && (
            <Text c="dimmed" size="sm" mt={4} component="div">
              {subtitle}
            </Text>
          )}
        </div>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
    </Box>
  );
}
