import { cruddurServices } from './services.js';
import { Supervisor } from './supervisor.js';

/** `npm start`: every Cruddur process together, stopped together on Ctrl-C or when one dies. */
const supervisor = new Supervisor();
const services = cruddurServices(process.env);
process.on('SIGINT', () => supervisor.stop('Ctrl-C', 0));
process.on('SIGTERM', () => supervisor.stop('SIGTERM', 0));

supervisor.start(services).then(
  () => {
    console.log('\nCruddur is running:');
    for (const service of services) console.log(`  ${service.name.padEnd(14)} ${service.openUrl}`);
    console.log('Ctrl-C stops everything.');
  },
  (error: unknown) => supervisor.stop(error instanceof Error ? error.message : String(error), 1),
);
