// The enumerations both the request bodies and the answers (./responses.ts) use.
import * as z from "../../shared/zod";

export const TaxStatus = z.enum(["TAXED", "TAX_EXEMPT", "REVERSE_CHARGED"]);

/** DRAFT: extracted from a contract, not yet approved; ACTIVE: the default. Independent of archiving. */
export const CustomerStatus = z.enum(["DRAFT", "ACTIVE"]);

/** Sequence's IntegrationService: the services an integration id may name. */
export const IntegrationService = z.enum([
  "Amazon_Redshift", "GoCardless", "Google_BigQuery", "Google_Sheets", "HubSpot", "NetSuite", "QuickBooks_Online",
  "Salesforce", "Slack", "Snowflake", "Stripe", "Xero", "Avalara", "Anrok", "Attio", "Numeral", "Rillet", "Sphere",
]);

export const BillingPreference = z.enum(["PRIMARY", "STANDARD", "NONE"]).check(
  ...z.described(DOCUMENTED && "Whether the contact receives billing communications. A customer may have several PRIMARY contacts and always keeps " +
      "at least one that is not archived (see docs/customers.md)."),
);
