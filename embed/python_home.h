// The home of an interpreter embedded with @rules_cpython//:libpython: its install tree
// among the program's runfiles, so that Py_Initialize finds the standard library without
// PYTHONHOME.
#ifndef RULES_CPYTHON_PYTHON_HOME_H_
#define RULES_CPYTHON_PYTHON_HOME_H_

#include <Python.h>

#ifdef __cplusplus
extern "C" {
#endif

// Sets config->home to the install tree in the runfiles of the program started as argv0:
// the folder RUNFILES_DIR names, else <program>.runfiles (the program read from
// /proc/self/exe, then argv0), else the entry of RUNFILES_MANIFEST_FILE. Fails, saying
// where it looked, when none of them has the interpreter's lib/.
PyStatus rules_cpython_set_home(PyConfig *config, const char *argv0);

#ifdef __cplusplus
}
#endif

#endif  // RULES_CPYTHON_PYTHON_HOME_H_
