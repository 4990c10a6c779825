#include <stdio.h>

#include "rules_cpython/python_home.h"

int main(int argc, char **argv) {
  PyConfig config;
  // Isolated: neither PYTHONHOME nor PYTHONPATH of the environment counts.
  PyConfig_InitIsolatedConfig(&config);
  PyStatus status = rules_cpython_set_home(&config, argv[0]);
  if (!PyStatus_Exception(status)) status = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(status)) Py_ExitStatusException(status);
  int failed = PyRun_SimpleString(
      "import json, sqlite3, ssl, sys\n"
      "print(json.dumps({'openssl': ssl.OPENSSL_VERSION, 'sqlite': sqlite3.sqlite_version,\n"
      "                  'version': sys.version.split()[0], 'prefix': sys.prefix}))\n");
  return Py_FinalizeEx() < 0 || failed ? 1 : 0;
}
