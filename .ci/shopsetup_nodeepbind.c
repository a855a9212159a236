/*
 * Preloaded by .ci/asan.sh so that an uninstrumented PHP can load an ASan-instrumented
 * extension: PHP opens extensions with dlopen(..., RTLD_DEEPBIND), which the ASan runtime refuses
 * ("dlopen with RTLD_DEEPBIND flag which is incompatible with sanitizer runtime"). This wrapper
 * clears the flag and hands over to the next dlopen (ASan's interceptor, then the C library's).
 *
 * The one exported symbol must be named dlopen to interpose it; everything else is prefixed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>

void *dlopen(const char *file, int mode);

typedef void *(*shopsetup_dlopen_fn)(const char *file, int mode);

void *dlopen(const char *file, int mode)
{
	static shopsetup_dlopen_fn shopsetup_next_dlopen;
	if (shopsetup_next_dlopen == NULL) {
		shopsetup_next_dlopen = (shopsetup_dlopen_fn) dlsym(RTLD_NEXT, "dlopen");
		if (shopsetup_next_dlopen == NULL) {
			return NULL;
		}
	}
	return shopsetup_next_dlopen(file, mode & ~RTLD_DEEPBIND);
}
