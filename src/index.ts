import { router } from "./router";

export { SeatAssignments } from "./objects/seatAssignments";

export default { fetch: router.fetch } satisfies ExportedHandler<Env>;
