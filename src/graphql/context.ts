// What every resolver receives: the database, the reader's language and the brief service.
import type { AuthState } from "../auth/principal.ts";
import type { BriefService } from "../briefs/service.ts";
import type { Db } from "../db/client.ts";
import type { Locale } from "../domain/locale.ts";
import type { BriefLinks } from "../http/brief-links.ts";
import type { DeliveryPolicy } from "../schedule/definition.ts";
import type { Scheduler } from "../schedule/scheduler.ts";

export type GraphQLContext = {
  db: Db;
  locale: Locale;
  /** Who is calling (from the Authorization header, or the CLI's operator), for scope-auth. */
  auth: AuthState;
  /** Absent where nothing renders (e.g. `attache query`): brief mutations then say so. */
  briefs?: BriefService;
  /** Runs schedules on demand (runScheduleNow). */
  scheduler?: Scheduler;
  /** How long a root field retries while another process holds the database (ATTACHE_BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number;
  /** Makes the signed download links the API hands out. */
  briefLinks?: BriefLinks;
  /** Where schedule targets may point, where no scheduler runs (`attache query`). */
  deliveryPolicy?: DeliveryPolicy;
};
