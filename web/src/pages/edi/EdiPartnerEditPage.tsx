import {
  Anchor,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowLeft } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useSession } from "../../api/hooks";
import { type AccountOption, AccountSelect } from "../../components/AccountSelect";
import { PageHeader } from "../../components/PageHeader";
import { ErrorState, errorMessage, TableSkeleton } from "../../components/States";
import { type Partner, type PartnerInput, usePartner, useSavePartner } from "./api";

const DOCS = { x12: ["850", "855", "856", "810", "860"], edifact: ["ORDERS", "ORDRSP", "DESADV", "INVOIC"] };
const ACKS = { x12: ["997", "999", "TA1"], edifact: ["CONTRL"] };

const EMPTY: PartnerInput = {
  accountId: null,
  name: "",
  standard: "x12",
  version: "004010",
  ourQualifier: "ZZ",
  ourId: "",
  theirQualifier: "ZZ",
  theirId: "",
  ourAppCode: null,
  theirAppCode: null,
  elementSeparator: null,
  componentSeparator: null,
  segmentTerminator: null,
  repetitionSeparator: null,
  documents: ["850", "855"],
  itemIdPreference: ["UP", "VN", "BP"],
  acknowledgments: ["997"],
  duplicateWindowDays: 30,
  outboundKind: "none",
  outboundTarget: null,
  active: true,
};

export function EdiPartnerEditPage() {
  const { id } = useParams();
  const isNew = id === "new";
  const partner = usePartner(isNew ? undefined : id);
  const back = (
    <Anchor component={Link} to="/desk/edi/partners" size="sm">
      <IconArrowLeft size={14} style={{ verticalAlign: -2 }} /> Trading partners
    </Anchor>
  );
  if (!isNew && partner.isPending) return <TableSkeleton rows={6} />;
  if (!isNew && (partner.isError || !partner.data)) {
    return (
      <>
        <PageHeader title="Trading partner" above={back} />
        <ErrorState
          error={partner.error ?? new Error("No such partner")}
          title="Could not load this partner"
        />
      </>
    );
  }
  return <PartnerForm key={id} initial={partner.data ?? null} back={back} />;
}

function PartnerForm({ initial, back }: { initial: Partner | null; back: React.ReactNode }) {
  const [form, setForm] = useState<PartnerInput>(() => (initial ? strip(initial) : EMPTY));
  const [account, setAccount] = useState<AccountOption | null>(
    initial?.accountId
      ? { id: initial.accountId, number: initial.accountNumber ?? "", name: initial.accountName ?? "" }
      : null,
  );
  const canEdit = useSession().data?.user?.role === "admin";
  const save = useSavePartner(initial?.id ?? null);
  const navigate = useNavigate();
  const set = <K extends keyof PartnerInput>(key: K, value: PartnerInput[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const x12 = form.standard === "x12";
  const blank = (v: string) => (v.trim() === "" ? null : v);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate(form, {
      onSuccess: (p) => {
        notifications.show({ color: "teal", message: `Saved ${p.name}` });
        navigate(`/desk/edi/partners/${p.id}`, { replace: true });
      },
      onError: (err) => notifications.show({ color: "red", title: "Not saved", message: errorMessage(err) }),
    });
  };

  return (
    <form onSubmit={submit}>
      <PageHeader
        above={back}
        title={initial ? initial.name : "New trading partner"}
        subtitle={canEdit ? undefined : "Only administrators can change partner settings."}
        actions={
          canEdit && (
            <Button type="submit" loading={save.isPending}>
              Save partner
            </Button>
          )
        }
      />
      <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="lg">
          <Card title="Partner">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Name"
                required
                value={form.name}
                onChange={(e) => set("name", e.currentTarget.value)}
              />
              <AccountSelect
                label="Account"
                description="Empty for a hub: the buyer's ids in each order pick the account"
                value={account}
                onChange={(a) => {
                  setAccount(a);
                  set("accountId", a ? Number(a.id) : null);
                }}
                clearable
              />
              <div>
                <Text size="sm" fw={500} mb={4}>
                  Standard
                </Text>
                <SegmentedControl
                  value={form.standard}
                  onChange={(v) => {
                    const s = v as "x12" | "edifact";
                    setForm((f) => ({
                      ...f,
                      standard: s,
                      version: s === "x12" ? "004010" : "D96A",
                      documents: s === "x12" ? ["850", "855"] : ["ORDERS", "ORDRSP"],
                      acknowledgments: s === "x12" ? ["997"] : ["CONTRL"],
                      ourQualifier: s === "x12" ? "ZZ" : "14",
                      theirQualifier: s === "x12" ? "ZZ" : "14",
                    }));
                  }}
                  data={[
                    { label: "X12", value: "x12" },
                    { label: "EDIFACT", value: "edifact" },
                  ]}
                />
              </div>
              <TextInput
                label="Version"
                description={x12 ? "GS08, e.g. 004010 or 005010" : "Directory, e.g. D96A"}
                value={form.version}
                onChange={(e) => set("version", e.currentTarget.value.toUpperCase())}
              />
              <Switch
                label="Active"
                checked={form.active}
                onChange={(e) => set("active", e.currentTarget.checked)}
                mt="md"
              />
            </SimpleGrid>
          </Card>

          <Card title="Identifiers">
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <TextInput
                label="Their qualifier"
                value={form.theirQualifier}
                onChange={(e) => set("theirQualifier", e.currentTarget.value)}
              />
              <TextInput
                label="Their id"
                required
                value={form.theirId}
                onChange={(e) => set("theirId", e.currentTarget.value)}
              />
              <TextInput
                label="Our qualifier"
                value={form.ourQualifier}
                onChange={(e) => set("ourQualifier", e.currentTarget.value)}
              />
              <TextInput
                label="Our id"
                required
                value={form.ourId}
                onChange={(e) => set("ourId", e.currentTarget.value)}
              />
              {x12 && (
                <>
                  <TextInput
                    label="Their GS application code"
                    placeholder="their id"
                    value={form.theirAppCode ?? ""}
                    onChange={(e) => set("theirAppCode", blank(e.currentTarget.value))}
                  />
                  <TextInput
                    label="Our GS application code"
                    placeholder="our id"
                    value={form.ourAppCode ?? ""}
                    onChange={(e) => set("ourAppCode", blank(e.currentTarget.value))}
                  />
                </>
              )}
            </SimpleGrid>
          </Card>

          <Card title="Documents and acknowledgments">
            <Stack gap="md">
              <Checkbox.Group
                label="Documents exchanged"
                value={form.documents}
                onChange={(v) => set("documents", v)}
              >
                <Group mt={6}>
                  {DOCS[form.standard].map((d) => (
                    <Checkbox key={d} value={d} label={d} />
                  ))}
                </Group>
              </Checkbox.Group>
              <Checkbox.Group
                label="Acknowledgments they expect"
                value={form.acknowledgments}
                onChange={(v) => set("acknowledgments", v)}
              >
                <Group mt={6}>
                  {ACKS[form.standard].map((d) => (
                    <Checkbox key={d} value={d} label={d} />
                  ))}
                </Group>
              </Checkbox.Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TagsInput
                  label="Item identifier preference"
                  description="Tried in this order: UP, EN (GTIN), VN, SA (our number), BP, IN (theirs)"
                  value={form.itemIdPreference}
                  onChange={(v) =>
                    set(
                      "itemIdPreference",
                      v.map((x) => x.toUpperCase()),
                    )
                  }
                />
                <NumberInput
                  label="Duplicate window (days)"
                  description="A repeated interchange number within this window is flagged, not processed"
                  min={0}
                  max={3650}
                  value={form.duplicateWindowDays}
                  onChange={(v) => set("duplicateWindowDays", Number(v) || 0)}
                />
              </SimpleGrid>
            </Stack>
          </Card>

          <Card title="Outbound delivery and delimiters">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Send to"
                allowDeselect={false}
                data={[
                  { value: "none", label: "Nowhere (keep in the log)" },
                  { value: "folder", label: "A folder" },
                  { value: "http", label: "An HTTP endpoint (POST)" },
                ]}
                value={form.outboundKind}
                onChange={(v) => set("outboundKind", (v ?? "none") as PartnerInput["outboundKind"])}
              />
              <TextInput
                label={form.outboundKind === "http" ? "URL" : "Folder"}
                placeholder={
                  form.outboundKind === "http" ? "https://van.example/edi" : "/srv/edi/outbox/partner"
                }
                disabled={form.outboundKind === "none"}
                value={form.outboundTarget ?? ""}
                onChange={(e) => set("outboundTarget", blank(e.currentTarget.value))}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 2, sm: 4 }} mt="md">
              {(
                [
                  ["elementSeparator", "Element", x12 ? "*" : "+"],
                  ["componentSeparator", "Component", x12 ? ">" : ":"],
                  ["segmentTerminator", "Segment", x12 ? "~" : "'"],
                  ["repetitionSeparator", "Repetition", x12 ? "^" : "none"],
                ] as const
              ).map(([key, label, placeholder]) => (
                <TextInput
                  key={key}
                  label={`${label} separator`}
                  placeholder={`default ${placeholder}`}
                  maxLength={1}
                  value={form[key] ?? ""}
                  onChange={(e) => set(key, blank(e.currentTarget.value))}
                />
              ))}
            </SimpleGrid>
          </Card>
        </Stack>
      </fieldset>
    </form>
  );
}

function strip(p: Partner): PartnerInput {
  const { id: _id, accountName: _n, accountNumber: _a, ...rest } = p;
  return rest;
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper shadow="xs" p="md">
      <Title order={4} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
