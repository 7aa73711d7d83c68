import { Badge, Box, Button, Paper, Table, Text } from "@mantine/core";
import { IconPlugConnected, IconPlus } from "@tabler/icons-react";
import { Link, useNavigate } from "react-router-dom";
import { useSession } from "../../api/hooks";
import { PageHeader } from "../../components/PageHeader";
import { EmptyState, ErrorState, TableSkeleton } from "../../components/States";
import { usePartners } from "./api";

export function EdiPartnersPage() {
  const partners = usePartners();
  const isAdmin = useSession().data?.user?.role === "admin";
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title="Trading partners"
        subtitle="Who sends us EDI, how we recognise them and what we send back."
        actions={
          isAdmin && (
            <Button component={Link} to="/desk/edi/partners/new" leftSection={<IconPlus size={16} />}>
              New partner
            </Button>
          )
        }
      />
      <Paper shadow="xs">
        {partners.isPending ? (
          <TableSkeleton rows={4} />
        ) : partners.isError ? (
          <ErrorState
            error={partners.error}
            onRetry={() => partners.refetch()}
            title="Could not load partners"
          />
        ) : partners.data.length === 0 ? (
          <EmptyState icon={<IconPlugConnected size={28} stroke={1.5} />} title="No trading partners yet" />
        ) : (
          <Box style={{ overflowX: "auto" }}>
            <Table highlightOnHover verticalSpacing="sm" miw={860}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Partner</Table.Th>
                  <Table.Th>Account</Table.Th>
                  <Table.Th>Standard</Table.Th>
                  <Table.Th>Their id</Table.Th>
                  <Table.Th>Documents</Table.Th>
                  <Table.Th>Acks</Table.Th>
                  <Table.Th>Outbound</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {partners.data.map((p) => (
                  <Table.Tr
                    key={p.id}
                    style={{ cursor: "pointer" }}
                    onClick={() => navigate(`/desk/edi/partners/${p.id}`)}
                  >
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {p.name}
                      </Text>
                      {!p.active && (
                        <Badge size="xs" color="gray">
                          inactive
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {p.accountName ? (
                        <Text size="sm">
                          {p.accountName}{" "}
                          <Text span c="dimmed" size="xs">
                            {p.accountNumber}
                          </Text>
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          by buyer ids
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={p.standard === "x12" ? "blue" : "grape"}>
                        {p.standard === "x12" ? "X12" : "EDIFACT"} {p.version}
                      </Badge>
                    </Table.Td>
                    <Table.Td ff="monospace" fz="sm">
                      {p.theirQualifier}:{p.theirId}
                    </Table.Td>
                    <Table.Td fz="sm">{p.documents.join(", ") || "—"}</Table.Td>
                    <Table.Td fz="sm">{p.acknowledgments.join(", ") || "—"}</Table.Td>
                    <Table.Td fz="sm" c={p.outboundKind === "none" ? "dimmed" : undefined}>
                      {p.outboundKind === "none" ? "not set" : `${p.outboundKind}: ${p.outboundTarget}`}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
        )}
      </Paper>
    </>
  );
}
