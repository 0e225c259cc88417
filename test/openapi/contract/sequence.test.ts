// Sequence's surface: seat metrics, customers and their contacts and aliases,
// customer organizations, seat events and balances, customer users (one tag, so one coverage check; the cases live per
// resource in sequence/). Each answer must match Seatkeeper's /openapi.json
// and Sequence's own document for 2024-07-30 (../shared/vendor/sequence/).
import { describeContract, RATE_LIMITED } from "../suite";
import { aliasCases } from "./sequence/aliases";
import { contactCases } from "./sequence/contacts";
import { customerCases } from "./sequence/customers";
import { eventCases } from "./sequence/events";
import { everyOperationCases } from "./sequence/everyOperation";
import { organizationCases } from "./sequence/organizations";
import { customerUserCases, seatEventCases } from "./sequence/seatEvents";
import { seatMetricCases } from "./sequence/seatMetrics";

describeContract(
  "Sequence",
  [...seatMetricCases, ...seatEventCases, ...customerCases, ...customerUserCases, ...contactCases, ...aliasCases, ...organizationCases, ...eventCases, ...everyOperationCases],
  RATE_LIMITED,
  "sequence",
);
