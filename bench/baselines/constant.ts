// Baseline: the platform's ceiling. A Worker that answers every request with
// a constant JSON body, served exactly as Seatkeeper is.
const BODY = JSON.stringify({ status: "ok" });

export default {
  fetch(): Response {
    return new Response(BODY, { headers: { "content-type": "application/json" } });
  },
};
