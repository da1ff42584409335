/* The benchmark module written by hand in C, the way a performance-minded extension author
 * would: METH_NOARGS / METH_O / METH_FASTCALL where the signature allows, hand-rolled keyword
 * matching against interned names, no PyArg_Parse* on the hot paths.
 *
 * Built twice (see benches/run.py):
 *   - full API, once per interpreter against its own headers: -DBENCH_NAME=bench_c_full
 *   - Limited API of 3.7, once, against the 3.7 headers:
 *       -DBENCH_NAME=bench_c_abi3 -DPy_LIMITED_API=0x03070000
 *     The 3.7 limited headers do not expose METH_FASTCALL (it entered the Limited API in
 *     3.10) but every interpreter from 3.7 honours the flag, so it is defined here: that is
 *     the fastest thing an abi3-py37 module can do.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#ifndef BENCH_NAME
#error "define BENCH_NAME"
#endif
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define STR2(a) #a
#define STR(a) STR2(a)

#ifndef METH_FASTCALL
#define METH_FASTCALL 0x0080
#endif

#ifdef Py_LIMITED_API
#define TUPLE_SIZE(t) PyTuple_Size(t)
#define TUPLE_ITEM(t, i) PyTuple_GetItem(t, i)
#define LIST_SIZE(l) PyList_Size(l)
#define LIST_ITEM(l, i) PyList_GetItem(l, i)
#define TYPE_ALLOC(tp) ((allocfunc)PyType_GetSlot(tp, Py_tp_alloc))
#define TYPE_FREE(tp) ((freefunc)PyType_GetSlot(tp, Py_tp_free))
#else
#define TUPLE_SIZE(t) PyTuple_GET_SIZE(t)
#define TUPLE_ITEM(t, i) PyTuple_GET_ITEM(t, i)
#define LIST_SIZE(l) PyList_GET_SIZE(l)
#define LIST_ITEM(l, i) PyList_GET_ITEM(l, i)
#define TYPE_ALLOC(tp) ((tp)->tp_alloc)
#define TYPE_FREE(tp) ((tp)->tp_free)
#endif

static PyObject *kw_names[3]; /* interned "a", "b", "c" */

static int as_ll(PyObject *o, long long *out) {
    long long v = PyLong_AsLongLong(o);
    if (v == -1 && PyErr_Occurred())
        return -1;
    *out = v;
    return 0;
}

static PyObject *noop(PyObject *m, PyObject *unused) {
    (void)m; (void)unused;
    Py_RETURN_NONE;
}

/* The same as METH_FASTCALL: the cheapest call CPython has for a C function (the floor). */
static PyObject *noop_fast(PyObject *m, PyObject *const *args, Py_ssize_t nargs) {
    (void)m; (void)args;
    if (nargs != 0) {
        PyErr_Format(PyExc_TypeError, "noop_fast() takes no arguments (%zd given)", nargs);
        return NULL;
    }
    Py_RETURN_NONE;
}

/* benches/instructions.py runs callgrind with --dump-before=bench_marker: each call of
 * mark() closes one measured interval. Not static, never inlined: the symbol must exist. */
__attribute__((noinline)) PyObject *bench_marker(PyObject *m, PyObject *unused) {
    (void)m; (void)unused;
    Py_RETURN_NONE;
}

static PyObject *add(PyObject *m, PyObject *const *args, Py_ssize_t nargs) {
    long long a, b;
    (void)m;
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "add() takes exactly 2 arguments (%zd given)", nargs);
        return NULL;
    }
    if (as_ll(args[0], &a) < 0 || as_ll(args[1], &b) < 0)
        return NULL;
    return PyLong_FromLongLong((long long)((unsigned long long)a + (unsigned long long)b));
}

static PyObject *concat(PyObject *m, PyObject *const *args, Py_ssize_t nargs) {
    (void)m;
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "concat() takes exactly 2 arguments (%zd given)", nargs);
        return NULL;
    }
    if (!PyUnicode_Check(args[0]) || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "concat() arguments must be str");
        return NULL;
    }
    return PyUnicode_Concat(args[0], args[1]);
}

/* kw(a, b=1, *, c=2) */
static PyObject *kw(PyObject *m, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    PyObject *slots[3] = {NULL, NULL, NULL};
    long long a, b = 1, c = 2;
    Py_ssize_t i, nkw;
    (void)m;
    if (nargs > 2) {
        PyErr_Format(PyExc_TypeError, "kw() takes from 1 to 2 positional arguments but %zd were given", nargs);
        return NULL;
    }
    for (i = 0; i < nargs; i++)
        slots[i] = args[i];
    nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (i = 0; i < nkw; i++) {
        PyObject *key = TUPLE_ITEM(kwnames, i);
        int p, idx = -1;
        for (p = 0; p < 3; p++)
            if (key == kw_names[p]) { idx = p; break; }
        if (idx < 0)
            for (p = 0; p < 3; p++)
                if (PyUnicode_Compare(key, kw_names[p]) == 0) { idx = p; break; }
        if (idx < 0) {
            PyErr_Format(PyExc_TypeError, "kw() got an unexpected keyword argument '%U'", key);
            return NULL;
        }
        if (slots[idx]) {
            PyErr_Format(PyExc_TypeError, "kw() got multiple values for argument '%U'", key);
            return NULL;
        }
        slots[idx] = args[nargs + i];
    }
    if (!slots[0]) {
        PyErr_SetString(PyExc_TypeError, "kw() missing 1 required positional argument: 'a'");
        return NULL;
    }
    if (as_ll(slots[0], &a) < 0 || (slots[1] && as_ll(slots[1], &b) < 0) || (slots[2] && as_ll(slots[2], &c) < 0))
        return NULL;
    return PyLong_FromLongLong((long long)((unsigned long long)a + (unsigned long long)b + (unsigned long long)c));
}

static PyObject *sum_list(PyObject *m, PyObject *xs) {
    Py_ssize_t i, n;
    unsigned long long s = 0;
    (void)m;
    if (!PyList_Check(xs)) {
        PyErr_SetString(PyExc_TypeError, "sum_list() argument 'xs' must be list");
        return NULL;
    }
    n = LIST_SIZE(xs);
    for (i = 0; i < n && i < LIST_SIZE(xs); i++) {
        long long v;
        PyObject *item = LIST_ITEM(xs, i);
        int r;
        Py_INCREF(item); /* __index__ may run Python code that mutates the list */
        r = as_ll(item, &v);
        Py_DECREF(item);
        if (r < 0)
            return NULL;
        s += (unsigned long long)v;
    }
    return PyLong_FromLongLong((long long)s);
}

/* apply(f, xs): sum of f(x) for x in the list xs (a Python function called per element).
 * Limited API of 3.7: no vectorcall; PyObject_CallFunctionObjArgs. Full API: vectorcall. */
static PyObject *apply(PyObject *m, PyObject *const *args, Py_ssize_t nargs) {
    PyObject *f, *xs;
    Py_ssize_t i;
    unsigned long long s = 0;
    (void)m;
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "apply() takes exactly 2 arguments (%zd given)", nargs);
        return NULL;
    }
    f = args[0];
    xs = args[1];
    if (!PyList_Check(xs)) {
        PyErr_SetString(PyExc_TypeError, "apply() argument 'xs' must be list");
        return NULL;
    }
    for (i = 0; i < LIST_SIZE(xs); i++) {
        long long v;
        int r;
        PyObject *res, *item = LIST_ITEM(xs, i);
        Py_INCREF(item);
#if defined(Py_LIMITED_API) || PY_VERSION_HEX < 0x03090000
        res = PyObject_CallFunctionObjArgs(f, item, NULL);
#else
        {
            PyObject *stack[2] = {NULL, item};
            res = PyObject_Vectorcall(f, stack + 1, 1 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
        }
#endif
        Py_DECREF(item);
        if (!res)
            return NULL;
        r = as_ll(res, &v);
        Py_DECREF(res);
        if (r < 0)
            return NULL;
        s += (unsigned long long)v;
    }
    return PyLong_FromLongLong((long long)s);
}

static PyMethodDef methods[] = {
    {"noop", (PyCFunction)noop, METH_NOARGS, "Do nothing."},
    {"noop_fast", (PyCFunction)(void (*)(void))noop_fast, METH_FASTCALL, "Do nothing (METH_FASTCALL)."},
    {"mark", (PyCFunction)bench_marker, METH_NOARGS, "Callgrind interval marker (benches/instructions.py)."},
    {"add", (PyCFunction)(void (*)(void))add, METH_FASTCALL, "a + b"},
    {"concat", (PyCFunction)(void (*)(void))concat, METH_FASTCALL, "a + b for two str."},
    {"kw", (PyCFunction)(void (*)(void))kw, METH_FASTCALL | METH_KEYWORDS, "a + b + c"},
    {"sum_list", (PyCFunction)sum_list, METH_O, "Sum of a list of ints."},
    {"apply", (PyCFunction)(void (*)(void))apply, METH_FASTCALL, "Sum of f(x) for x in xs."},
    {NULL, NULL, 0, NULL},
};

/* ---- class Counter ---- */
typedef struct {
    PyObject_HEAD
    long long value;
} CounterObject;

static PyObject *Counter_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    PyObject *start = NULL;
    long long v;
    CounterObject *self;
    if (kwds == NULL && TUPLE_SIZE(args) == 1) {
        start = TUPLE_ITEM(args, 0);
    } else {
        static char *kwlist[] = {"start", NULL};
        if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:Counter", kwlist, &start))
            return NULL;
    }
    if (as_ll(start, &v) < 0)
        return NULL;
    self = (CounterObject *)TYPE_ALLOC(type)(type, 0);
    if (!self)
        return NULL;
    self->value = v;
    return (PyObject *)self;
}

static void Counter_dealloc(PyObject *self) {
    PyTypeObject *tp = Py_TYPE(self);
    TYPE_FREE(tp)(self);
    Py_DECREF(tp); /* tp_alloc (PyType_GenericAlloc) took a reference to the heap type */
}

static PyObject *Counter_incr(PyObject *self, PyObject *unused) {
    (void)unused;
    ((CounterObject *)self)->value++;
    Py_RETURN_NONE;
}

static PyObject *Counter_get_value(PyObject *self, void *closure) {
    (void)closure;
    return PyLong_FromLongLong(((CounterObject *)self)->value);
}

static PyObject *Counter_repr(PyObject *self) {
    return PyUnicode_FromFormat("Counter(%lld)", ((CounterObject *)self)->value);
}

static Py_ssize_t Counter_len(PyObject *self) {
    long long v = ((CounterObject *)self)->value;
    return v < 0 ? 0 : (Py_ssize_t)v;
}

static PyMethodDef Counter_methods[] = {
    {"incr", (PyCFunction)Counter_incr, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Counter_getset[] = {
    {"value", Counter_get_value, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot Counter_slots[] = {
    {Py_tp_new, (void *)Counter_new},
    {Py_tp_dealloc, (void *)Counter_dealloc},
    {Py_tp_methods, Counter_methods},
    {Py_tp_getset, Counter_getset},
    {Py_tp_repr, (void *)Counter_repr},
    {Py_sq_length, (void *)Counter_len},
    {Py_tp_doc, "A counter."},
    {0, NULL},
};

static PyType_Spec Counter_spec = {
    STR(BENCH_NAME) ".Counter", sizeof(CounterObject), 0, Py_TPFLAGS_DEFAULT, Counter_slots,
};

static struct PyModuleDef moddef = {
    PyModuleDef_HEAD_INIT, STR(BENCH_NAME), "hand-written C benchmark module", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC CAT(PyInit_, BENCH_NAME)(void) {
    PyObject *m, *counter;
    int i;
    const char *names[3] = {"a", "b", "c"};
    for (i = 0; i < 3; i++)
        if (!kw_names[i] && !(kw_names[i] = PyUnicode_InternFromString(names[i])))
            return NULL;
    m = PyModule_Create(&moddef);
    if (!m)
        return NULL;
    counter = PyType_FromSpec(&Counter_spec);
    if (!counter || PyModule_AddObject(m, "Counter", counter) < 0) {
        Py_XDECREF(counter);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
