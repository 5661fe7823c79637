/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A small vsnprintf for freestanding EL2 code. Integer conversions only;
 * output is truncated to the buffer and always NUL-terminated when size>0.
 */

#include <monadic/printk.h>
#include <stdbool.h>
#include <stdint.h>

struct out {
	char *buf;
	size_t size;
	size_t len;      /* what the full output would take */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

struct spec {
	bool left;
	bool zero;
	int width;
};

static void pad(struct out *o, int n, char c)
{
	while (n-- > 0)
		put(o, c);
}

static void put_str(struct out *o, const char *s, const struct spec *sp)
{
	int n = 0;

	if (s == NULL)
		s = "(null)";
	while (s[n] != '\0')
		n++;
	if (!sp->left)
		pad(o, sp->width - n, ' ');
	for (int i = 0; i < n; i++)
		put(o, s[i]);
	if (sp->left)
		pad(o, sp->width - n, ' ');
}

static void put_num(struct out *o, uint64_t v, bool neg, unsigned int base,
		    bool upper, const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v != 0);
	int total = n + (neg ? 1 : 0);

	if (!sp->left && !sp->zero)
		pad(o, sp->width - total, ' ');
	if (neg)
		put(o, '-');
	if (!sp->left && sp->zero)
		pad(o, sp->width - total, '0');
	while (n > 0)
		put(o, tmp[--n]);
	if (sp->left)
		pad(o, sp->width - total, ' ');
}

/* The argument of an integer conversion, by its length modifier. */
static uint64_t int_arg(va_list *ap, int lng, bool is_signed, bool *neg)
{
	int64_t s;

	*neg = false;
	if (!is_signed) {
		if (lng >= 2)
			return va_arg(*ap, unsigned long long);
		if (lng == 1)
			return va_arg(*ap, unsigned long);
		return va_arg(*ap, unsigned int);
	}
	if (lng >= 2)
		s = va_arg(*ap, long long);
	else if (lng == 1)
		s = va_arg(*ap, long);
	else
		s = va_arg(*ap, int);
	if (s < 0) {
		*neg = true;
		return (uint64_t)0 - (uint64_t)s;
	}
	return (uint64_t)s;
}

int mhv_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
	struct out o = { buf, size, 0 };
	va_list ap;

	va_copy(ap, ap_in);
	for (const char *p = fmt; *p != '\0'; p++) {
		if (*p != '%') {
			put(&o, *p);
			continue;
		}
		struct spec sp = { false, false, 0 };
		int lng = 0;
		bool neg;

		for (p++; *p == '-' || *p == '0'; p++) {
			if (*p == '-')
				sp.left = true;
			else
				sp.zero = true;
		}
		if (*p == '*') {
			sp.width = va_arg(ap, int);
			p++;
		}
		for (; *p >= '0' && *p <= '9'; p++)
			sp.width = sp.width * 10 + (*p - '0');
		/* 'z' (size_t) is 'l' on LP64, the only data model we build for. */
		for (; *p == 'l' || *p == 'z'; p++)
			lng++;
		switch (*p) {
		case 'd':
		case 'i': {
			uint64_t v = int_arg(&ap, lng, true, &neg);

			put_num(&o, v, neg, 10, false, &sp);
			break;
		}
		case 'u':
			put_num(&o, int_arg(&ap, lng, false, &neg), false, 10, false, &sp);
			break;
		case 'x':
		case 'X':
			put_num(&o, int_arg(&ap, lng, false, &neg), false, 16, *p == 'X', &sp);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_num(&o, (uintptr_t)va_arg(ap, void *), false, 16, false, &sp);
			break;
		case 's':
			put_str(&o, va_arg(ap, const char *), &sp);
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			p--;  /* a lone '%' at the end: print nothing more */
			break;
		default:
			put(&o, '%');
			put(&o, *p);
			break;
		}
	}
	va_end(ap);
	if (size > 0)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int mhv_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = mhv_vsnprintf(buf, size, fmt, ap);

	va_end(ap);
	return n;
}
