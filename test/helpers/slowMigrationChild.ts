// Child process for the kill-during-migration test: runs a slow extra migration and says when it is inside it.
import { openDatabase } from '../../src/main/core/db/open';
import { migrations } from '../../src/main/core/db/migrations';

const file = process.argv[2]!;
openDatabase(file, {
  migrations: [
    ...migrations,
    {
      version: migrations.length + 1,
      name: 'slow',
      up: (db) => {
        db.exec('CREATE TABLE slow (x INTEGER)');
        const insert = db.prepare('INSERT INTO slow VALUES (?)');
        process.stdout.write('inside\n');
        for (let i = 0; ; i++) insert.run(i); // runs until killed
      },
    },
  ],
});
