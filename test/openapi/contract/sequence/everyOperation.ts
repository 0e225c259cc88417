// The refusals every Sequence operation answers the same way, one case per
// operation: Sequence's own document lists 400 and 401 for each of them.
import { credentials, send, type ContractCase } from "../../suite";
import { unknownId } from "../fixtures";

const id = unknownId;

/** Every Sequence operation Seatkeeper serves, with a concrete path (and a body where it takes one). */
const OPERATIONS: [method: string, path: string, body?: object][] = [
  ["POST", "/api/seat-metrics", { seatType: "admin", label: "Admin" }],
  ["GET", "/api/seat-metrics"],
  ["GET", `/api/seat-metrics/${id}`],
  ["PUT", `/api/seat-metrics/${id}`, { label: "Admin" }],
  ["DELETE", `/api/seat-metrics/${id}`],
  ["POST", "/api/customers", {}],
  ["GET", "/api/customers"],
  ["POST", `/api/customers/${id}/users`, { userIds: [] }],
  ["PUT", `/api/customers/${id}/users`, { userIds: [] }],
  ["GET", `/api/customers/${id}/users`],
  ["POST", "/api/seat-events", {}],
  ["GET", "/api/seat-events"],
  ["GET", `/api/seat-events/${id}`],
  ["GET", "/api/seat-balances"],
  ["GET", "/api/customers/by-alias/acme"],
  ["GET", `/api/customers/${id}`],
  ["PUT", `/api/customers/${id}`, {}],
  ["POST", `/api/customers/${id}/archive`],
  ["GET", `/api/customers/${id}/aliases`],
  ["GET", `/api/customers/${id}/contacts`],
  ["POST", `/api/customers/${id}/contacts`, {}],
  ["PUT", `/api/customers/${id}/contacts/${id}`, {}],
  ["POST", `/api/customers/${id}/contacts/${id}/archive`],
  ["GET", "/api/customer-aliases"],
  ["POST", "/api/customer-aliases", {}],
  ["PUT", `/api/customer-aliases/${id}`, {}],
  ["DELETE", `/api/customer-aliases/${id}`],
  ["GET", "/api/customer-custom-property-keys"],
  ["POST", "/api/customer-organizations", { ownerId: id, memberIds: [] }],
  ["POST", `/api/customer-organizations/${id}/members`, { customerIds: [] }],
  ["PUT", `/api/customer-organizations/${id}/members`, { customerIds: [] }],
];

export const everyOperationCases: ContractCase[] = OPERATIONS.flatMap(([method, path, body]) => [
  { status: 401, name: `${method} ${path} without credentials`, send: () => send(method, path, {}, body) },
  {
    status: 400,
    name: `${method} ${path} with an unknown Sequence-Version`,
    send: (key) => send(method, path, { ...credentials.sequence(key), "sequence-version": "2024-05-09" }, body),
  },
]);
