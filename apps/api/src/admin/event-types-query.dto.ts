import { CursorOf, PageQueryDto } from '@bti/http';

/** A count's id: the municipality (or `-` for the installation's own events) and the event type. */
const EVENT_TYPE_COUNT_ID = /^(?:-|[a-z0-9][a-z0-9-]{0,62})\/[A-Za-z0-9]{1,100}$/;

/** A page of the event counts, in the order of their ids. */
export class EventTypesQueryDto extends PageQueryDto {
  @CursorOf(EVENT_TYPE_COUNT_ID)
  // Narrows the base cursor to this list's shape; the value is set from the query after construction.
  override after?: string = undefined;
}
