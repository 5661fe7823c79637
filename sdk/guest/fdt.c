/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Flattened devicetree reader (devicetree spec v0.4, 5.2 and 5.4). The
 * structure block is a stream of big-endian 32-bit tokens; node names and
 * property values are padded to 4 bytes.
 */
#include <monadic/guest/fdt.h>
#include <stddef.h>

#define FDT_MAGIC 0xd00dfeedU
#define FDT_LAST_COMP_VERSION 16U   /* v17 readers read v16+ blobs */
#define FDT_ALIGN 8U                /* the header wants 8-byte alignment */

/* Header words (struct fdt_header). */
#define HDR_MAGIC 0
#define HDR_TOTALSIZE 1
#define HDR_OFF_STRUCT 2
#define HDR_OFF_STRINGS 3
#define HDR_LAST_COMP 6
#define HDR_SIZE_STRUCT 9
#define HDR_WORDS 10

#define FDT_BEGIN_NODE 1U
#define FDT_END_NODE 2U
#define FDT_PROP 3U
#define FDT_NOP 4U
#define FDT_END 9U

/* A position in the structure block, in bytes from its start. */
struct cursor {
	const uint8_t *base;      /* the structure block */
	const char *strings;
	uint32_t size;
	uint32_t off;
};

static uint32_t be32(const void *p)
{
	return __builtin_bswap32(*(const uint32_t *)p);
}

static uint32_t hdr(const void *fdt, unsigned int word)
{
	return be32((const uint32_t *)fdt + word);
}

uint32_t guest_fdt_cell(const void *value, unsigned int i)
{
	return be32((const uint32_t *)value + i);
}

bool guest_fdt_valid(const void *fdt)
{
	if (!fdt || ((uintptr_t)fdt % FDT_ALIGN) || hdr(fdt, HDR_MAGIC) != FDT_MAGIC)
		return false;
	uint32_t total = hdr(fdt, HDR_TOTALSIZE);

	return hdr(fdt, HDR_LAST_COMP) <= FDT_LAST_COMP_VERSION &&
	       total >= HDR_WORDS * 4U &&
	       hdr(fdt, HDR_OFF_STRUCT) + hdr(fdt, HDR_SIZE_STRUCT) <= total &&
	       hdr(fdt, HDR_OFF_STRINGS) < total;
}

static struct cursor cursor_at(const void *fdt)
{
	const uint8_t *b = fdt;

	return (struct cursor){
		.base = b + hdr(fdt, HDR_OFF_STRUCT),
		.strings = (const char *)b + hdr(fdt, HDR_OFF_STRINGS),
		.size = hdr(fdt, HDR_SIZE_STRUCT),
		.off = 0,
	};
}

static uint32_t align4(uint32_t v)
{
	return (v + 3U) & ~3U;
}

/* The next token (FDT_END past the block). For BEGIN_NODE *name is the
 * node's name; for PROP *name, *value and *len describe the property. */
static uint32_t next_token(struct cursor *c, const char **name, const void **value,
			   uint32_t *len)
{
	if (c->off + 4U > c->size)
		return FDT_END;
	uint32_t tok = be32(c->base + c->off);

	c->off += 4U;
	if (tok == FDT_BEGIN_NODE) {
		const char *n = (const char *)c->base + c->off;
		uint32_t l = 0;

		while (c->off + l < c->size && n[l])
			l++;
		*name = n;
		c->off = align4(c->off + l + 1U);
	} else if (tok == FDT_PROP) {
		if (c->off + 8U > c->size)
			return FDT_END;
		*len = be32(c->base + c->off);
		*name = c->strings + be32(c->base + c->off + 4U);
		*value = c->base + c->off + 8U;
		c->off = align4(c->off + 8U + *len);
	}
	return tok;
}

/* Component `idx` of `path` (components exclude the root); NULL past the
 * last. */
static const char *component(const char *path, unsigned int idx, uint32_t *len)
{
	const char *p = path;

	for (;;) {
		while (*p == '/')
			p++;
		if (!*p)
			return NULL;
		uint32_t l = 0;

		while (p[l] && p[l] != '/')
			l++;
		if (idx-- == 0) {
			*len = l;
			return p;
		}
		p += l;
	}
}

/* Node name `name` matches `want` (wlen chars); without '@' in want, any
 * unit address matches. */
static bool name_matches(const char *name, const char *want, uint32_t wlen)
{
	bool want_unit = false;
	uint32_t i;

	for (i = 0; i < wlen; i++) {
		want_unit |= want[i] == '@';
		if (name[i] != want[i])
			return false;
	}
	return name[i] == '\0' || (!want_unit && name[i] == '@');
}

/* Leave the cursor just after the BEGIN_NODE of `path`; false if absent. */
static bool find_node(struct cursor *c, const char *path)
{
	int depth = -1, matched = -1;
	const char *name;
	const void *value;
	uint32_t len;

	for (;;) {
		uint32_t tok = next_token(c, &name, &value, &len);

		if (tok == FDT_END)
			return false;
		if (tok == FDT_END_NODE) {
			if (matched == depth)
				matched--;
			depth--;
		} else if (tok == FDT_BEGIN_NODE) {
			depth++;
			if (matched != depth - 1)
				continue;
			uint32_t wlen = 0;
			const char *want = depth ? component(path, (unsigned int)depth - 1U, &wlen) : "";

			if (depth && (!want || !name_matches(name, want, wlen)))
				continue;
			matched = depth;
			if (!component(path, (unsigned int)depth, &wlen))
				return true;
		}
	}
}

static bool streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

const void *guest_fdt_prop(const void *fdt, const char *path, const char *prop, uint32_t *len)
{
	struct cursor c = cursor_at(fdt);
	const char *name;
	const void *value;
	uint32_t l;

	if (!find_node(&c, path))
		return NULL;
	/* A node's properties come before its children (spec 5.4.2). */
	for (;;) {
		uint32_t tok = next_token(&c, &name, &value, &l);

		if (tok == FDT_NOP)
			continue;
		if (tok != FDT_PROP)
			return NULL;
		if (streq(name, prop)) {
			*len = l;
			return value;
		}
	}
}

unsigned int guest_fdt_count_children(const void *fdt, const char *path, const char *base)
{
	struct cursor c = cursor_at(fdt);
	const char *name;
	const void *value;
	uint32_t len, blen = 0;
	unsigned int depth = 1, count = 0;

	if (!find_node(&c, path))
		return 0;
	while (base[blen])
		blen++;
	while (depth) {
		uint32_t tok = next_token(&c, &name, &value, &len);

		if (tok == FDT_END)
			break;
		if (tok == FDT_END_NODE) {
			depth--;
		} else if (tok == FDT_BEGIN_NODE) {
			depth++;
			count += depth == 2 && name_matches(name, base, blen);
		}
	}
	return count;
}
