import type {
  CatalogueEntry,
  Handlingsveileder,
  MunicipalityEvent,
  RegisteredStaff,
  ServiceUnit,
} from '@bti/domain';
import { asReadEvent } from '@bti/event-store';
import { documentProjection } from '@bti/read-models';

export const MUNICIPALITIES = 'municipalities';

/** A municipality's set-up as its admin and staff read it. */
export interface MunicipalityView {
  municipalityId: string;
  name: string;
  county: string;
  handlingsveileder: Handlingsveileder;
  services: Record<string, ServiceUnit>;
  staff: Record<string, RegisteredStaff>;
  catalogue: Record<string, CatalogueEntry>;
  /** The municipality stream's revision: send it as If-Match. */
  revision: string;
}

export function evolveMunicipalityView(
  view: MunicipalityView | null,
  event: MunicipalityEvent,
): MunicipalityView | null {
  if (event.type === 'MunicipalityEnrolled')
    return { ...event.data, services: {}, staff: {}, catalogue: {}, revision: '0' };
  if (!view) return view;
  switch (event.type) {
    case 'ServiceRegistered':
      return { ...view, services: { ...view.services, [event.data.serviceId]: event.data } };
    case 'StaffRegistered':
      return {
        ...view,
        staff: { ...view.staff, [event.data.staffId]: { ...event.data, active: true } },
      };
    case 'StaffDeactivated':
    case 'StaffReactivated': {
      const staff = view.staff[event.data.staffId];
      if (!staff) return view;
      const active = event.type === 'StaffReactivated';
      return { ...view, staff: { ...view.staff, [staff.staffId]: { ...staff, active } } };
    }
    case 'HandlingsveilederConfigured':
      return { ...view, handlingsveileder: event.data };
    case 'CatalogueEntryAdded':
      return { ...view, catalogue: { ...view.catalogue, [event.data.entryId]: event.data } };
  }
}

export const municipalityProjection = documentProjection<MunicipalityView>({
  name: 'municipalities',
  version: 3,
  collection: MUNICIPALITIES,
  filter: { streamPrefixes: ['municipality-'] },
  documentIds: (event) => [event.stream.slice('municipality-'.length)],
  evolve: (view, recorded) => {
    const next = evolveMunicipalityView(view, asReadEvent<MunicipalityEvent>(recorded));
    return next && { ...next, revision: String(recorded.revision) };
  },
});
