import { migratedStore } from '../helpers/migrated-store.ts';
import { PROVIDERS } from '../helpers/test-databases.ts';
import { describeStoreContract } from './store.contract.ts';

for (const provider of PROVIDERS) {
  describeStoreContract(
    provider.kind,
    async () => {
      const database = await provider.create();
      return { store: await migratedStore(database), cleanup: () => database.drop() };
    },
    provider.available,
  );
}
