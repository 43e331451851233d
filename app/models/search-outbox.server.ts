export { enqueueSearchSync } from "../../search/outbox";
