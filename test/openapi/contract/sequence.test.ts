// Sequence's surface: seat metrics, customers and customer organizations (one
// tag, so one coverage check; the cases live per resource in sequence/).
import { describeContract } from "../suite";
import { customerCases } from "./sequence/customers";
import { organizationCases } from "./sequence/organizations";
import { seatMetricCases } from "./sequence/seatMetrics";

describeContract("Sequence", [...seatMetricCases, ...customerCases, ...organizationCases]);
