/*
 * libFuzzer harness: shopsetup_utf8_scan() (ext_src/shopsetup_utf8.re) against a reference
 * decoder written here: validity, first bad offset, code point count, first control character.
 */
#include "shopsetup_fuzz.h"
#include "shopsetup_text.h"

typedef struct {
	bool valid;
	size_t invalid_offset, chars;
	bool has_control;
	size_t control_offset;
} shopsetup_fuzz_utf8_expect;

static void shopsetup_fuzz_utf8_reference(const unsigned char *p, size_t len, shopsetup_fuzz_utf8_expect *e)
{
	memset(e, 0, sizeof(*e));
	e->valid = true;
	size_t i = 0;
	while (i < len) {
		size_t n = 1;
		uint32_t cp = p[i];
		if (p[i] >= 0x80) {
			size_t bad;
			/* the sequence length the lead byte announces, checked by the reference validator */
			n = p[i] >= 0xF0 ? 4 : p[i] >= 0xE0 ? 3 : 2;
			if (n > len - i || !shopsetup_fuzz_utf8_valid((const char *) p + i, n, &bad)) {
				e->valid = false;
				e->invalid_offset = i;
				return;
			}
			cp = n == 2 ? (uint32_t) (p[i] & 0x1F) << 6 | (p[i + 1] & 0x3F)
				: n == 3 ? (uint32_t) (p[i] & 0x0F) << 12 | (uint32_t) (p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F)
				: (uint32_t) (p[i] & 0x07) << 18 | (uint32_t) (p[i + 1] & 0x3F) << 12 | (uint32_t) (p[i + 2] & 0x3F) << 6
					| (p[i + 3] & 0x3F);
		}
		bool control = (cp < 0x20 && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
		if (control && !e->has_control) {
			e->has_control = true;
			e->control_offset = i;
		}
		e->chars++;
		i += n;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes: ASan catches a read one past the end. */
	char *copy = malloc(size ? size : 1);
	if (copy == NULL) {
		return 0;
	}
	memcpy(copy, data, size);

	shopsetup_utf8_info info;
	shopsetup_fuzz_utf8_expect e;
	shopsetup_utf8_scan(copy, size, &info);
	shopsetup_fuzz_utf8_reference(data, size, &e);

	SHOPSETUP_FUZZ_CHECK(info.valid == e.valid, "valid: core %d, reference %d", info.valid, e.valid);
	if (!e.valid) {
		SHOPSETUP_FUZZ_CHECK(info.invalid_offset == e.invalid_offset, "invalid_offset: core %zu, reference %zu",
			info.invalid_offset, e.invalid_offset);
	}
	/* chars and controls are counted up to the first ill-formed sequence */
	SHOPSETUP_FUZZ_CHECK(info.chars == e.chars, "chars: core %zu, reference %zu", info.chars, e.chars);
	SHOPSETUP_FUZZ_CHECK(info.has_control == e.has_control, "has_control: core %d, reference %d",
		info.has_control, e.has_control);
	if (e.has_control) {
		SHOPSETUP_FUZZ_CHECK(info.control_offset == e.control_offset, "control_offset: core %zu, reference %zu",
			info.control_offset, e.control_offset);
	}

	/* The shared reference validator agrees with the per-sequence walk above. */
	SHOPSETUP_FUZZ_CHECK(shopsetup_fuzz_utf8_valid(copy, size, NULL) == e.valid, "reference validators disagree");
	free(copy);
	return 0;
}
