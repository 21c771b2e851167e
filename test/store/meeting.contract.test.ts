import { migratedStore } from '../helpers/migrated-store.ts';
import { PROVIDERS } from '../helpers/test-databases.ts';
import { describeMeetingContract } from './meeting.contract.ts';

for (const provider of PROVIDERS) {
  describeMeetingContract(
    provider.kind,
    async () => {
      const database = await provider.create();
      return { store: await migratedStore(database), cleanup: () => database.drop() };
    },
    provider.available,
  );
}
