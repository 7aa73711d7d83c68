import { Group, Text } from "@mantine/core";

export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="var(--mantine-color-sea-7)" />
      <path d="M15 6 L15 22 L7 22 Z" fill="#fff" />
      <path d="M17 9 L17 22 L25 22 Z" fill="#bfe3f2" />
      <path d="M6 24 H26 L23 27 H9 Z" fill="#fff" />
    </svg>
  );
}

export function Logo({ size = 28, suffix }: { size?: number; suffix?: string }) {
  return (
    <Group gap={10} wrap="nowrap">
      <LogoMark size={size} />
      <Text fw={700} fz={size * 0.68} lh={1} c="dark.8" style={{ letterSpacing: "-0.01em" }}>
        Wholesail
      </Text>
      {suffix && (
        <Text fz={size * 0.5} c="dimmed" fw={500} lh={1} mt={2}>
          {suffix}
        </Text>
      )}
    </Group>
  );
}
