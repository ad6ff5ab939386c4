// Entry point the extension host loads (extensionTestsPath). The test files are bundled into this one
// file, so they are registered by requiring them after mocha has installed its globals.
type MochaClass = typeof import('mocha');

export function run(): Promise<void> {
  // mocha 12's CommonJS export is a namespace object; older majors export the class itself.
  const exported = require('mocha') as MochaClass | { Mocha: MochaClass };
  const Mocha = 'Mocha' in exported ? exported.Mocha : exported;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  require('./catalog.test');
  require('./practice.test');
  require('./diagramEditor.test');
  require('./critic.test');
  require('./llm.test');
  require('./interview.test');
  require('./drills.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures: number) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
