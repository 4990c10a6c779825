#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *add(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b)) return NULL;
  return PyLong_FromLong(a + b);
}

// The version of the headers it was compiled against.
static PyObject *headers_version(PyObject *self, PyObject *unused) {
  return PyUnicode_FromString(PY_VERSION);
}

static PyMethodDef methods[] = {
    {"add", add, METH_VARARGS, "a + b"},
    {"headers_version", headers_version, METH_NOARGS, "PY_VERSION of the headers"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_sum", NULL, -1, methods};

PyMODINIT_FUNC PyInit__sum(void) { return PyModule_Create(&module); }
