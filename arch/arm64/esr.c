/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* ESR_EL2 decoding: see arch/esr.h. */

#include <arch/esr.h>
#include <arch/sysreg.h>
#include <monadic/hal/vcpu.h>
#include <monadic/printk.h>
#include <stdarg.h>

static const char *const class_names[64] = {
	[ESR_EC_UNKNOWN] = "Unknown reason",
	[ESR_EC_WFX] = "WFI/WFE",
	[ESR_EC_FP_ASIMD] = "SVE/SIMD/FP access",
	[ESR_EC_PAC] = "Pointer authentication trap",
	[ESR_EC_BTI] = "Branch target exception",
	[ESR_EC_ILLEGAL] = "Illegal execution state",
	[ESR_EC_SVC64] = "SVC (AArch64)",
	[ESR_EC_HVC64] = "HVC (AArch64)",
	[ESR_EC_SMC64] = "SMC (AArch64)",
	[ESR_EC_SYS64] = "MSR/MRS/system instruction",
	[ESR_EC_SVE] = "SVE access",
	[ESR_EC_FPAC] = "Pointer authentication failure",
	[ESR_EC_IABT_LOW] = "Instruction Abort from a lower EL",
	[ESR_EC_IABT_CUR] = "Instruction Abort without a change in EL",
	[ESR_EC_PC_ALIGN] = "PC alignment fault",
	[ESR_EC_DABT_LOW] = "Data Abort from a lower EL",
	[ESR_EC_DABT_CUR] = "Data Abort without a change in EL",
	[ESR_EC_SP_ALIGN] = "SP alignment fault",
	[ESR_EC_SERROR] = "SError interrupt",
	[ESR_EC_BRK64] = "BRK instruction (AArch64)",
};

/* One word per class a guest's exit can have, for counters printed on
 * one line. */
static const char *const class_keys[64] = {
	[ESR_EC_UNKNOWN] = "unknown",
	[ESR_EC_WFX] = "wfx",
	[ESR_EC_FP_ASIMD] = "fp",
	[ESR_EC_ILLEGAL] = "illegal",
	[ESR_EC_HVC64] = "hvc",
	[ESR_EC_SMC64] = "smc",
	[ESR_EC_SYS64] = "sysreg",
	[ESR_EC_SVE] = "sve",
	[ESR_EC_IABT_LOW] = "iabt",
	[ESR_EC_DABT_LOW] = "dabt",
	[ESR_EC_PC_ALIGN] = "pc_align",
	[ESR_EC_SP_ALIGN] = "sp_align",
	[ESR_EC_SERROR] = "serror",
	[ESR_EC_BRK64] = "brk",
};

const char *hal_vcpu_exit_class_key(unsigned int ec)
{
	return ec < 64 ? class_keys[ec] : NULL;
}

const char *esr_class_name(unsigned int ec)
{
	const char *name = ec < 64 ? class_names[ec] : NULL;

	return name != NULL ? name : "Reserved/unhandled class";
}

/* Fault status codes (ISS.DFSC / IFSC), Arm ARM D19 ESR_ELx. */
const char *esr_fsc_name(unsigned int fsc)
{
	switch (fsc) {
	case 0x00: case 0x01: case 0x02: case 0x03:
		return "address size fault";
	case 0x04: case 0x05: case 0x06: case 0x07:
		return "translation fault";
	case 0x08: case 0x09: case 0x0a: case 0x0b:
		return "access flag fault";
	case 0x0c: case 0x0d: case 0x0e: case 0x0f:
		return "permission fault";
	case 0x10:
		return "synchronous external abort";
	case 0x11:
		return "synchronous tag check fault";
	case 0x14: case 0x15: case 0x16: case 0x17:
		return "synchronous external abort on table walk";
	case 0x21:
		return "alignment fault";
	case 0x30:
		return "TLB conflict abort";
	default:
		return "unknown fault";
	}
}

int esr_fsc_level(unsigned int fsc)
{
	if (fsc <= 0x0f || (fsc >= 0x14 && fsc <= 0x17))
		return (int)(fsc & 3);
	return -1;
}

/* Appends to a bounded buffer; n counts what the whole text needs. */
struct text {
	char *buf;
	size_t size;
	int n;
};

static void __attribute__((format(printf, 2, 3))) append(struct text *t, const char *fmt, ...)
{
	size_t used = (size_t)t->n < t->size ? (size_t)t->n : t->size;
	va_list ap;

	va_start(ap, fmt);
	t->n += mhv_vsnprintf(t->buf + used, t->size - used, fmt, ap);
	va_end(ap);
}

static void describe_abort(struct text *t, uint64_t esr)
{
	unsigned int ec = esr_ec(esr);
	unsigned int fsc = (unsigned int)(esr & ESR_ISS_FSC_MASK);
	int level = esr_fsc_level(fsc);

	append(t, ": %s", esr_fsc_name(fsc));
	if (level >= 0)
		append(t, ", level %d", level);
	if (ec == ESR_EC_DABT_LOW || ec == ESR_EC_DABT_CUR)
		append(t, ", %s", (esr & ESR_ISS_DABT_WNR) ? "write" : "read");
	if (esr & ESR_ISS_ABT_S1PTW)
		append(t, ", on a stage-1 table walk");
}

int esr_describe(uint64_t esr, char *buf, size_t size)
{
	struct text t = { buf, size, 0 };
	unsigned int ec = esr_ec(esr);

	if (size > 0)
		buf[0] = '\0';
	append(&t, "EC 0x%02x %s", ec, esr_class_name(ec));
	switch (ec) {
	case ESR_EC_DABT_LOW:
	case ESR_EC_DABT_CUR:
	case ESR_EC_IABT_LOW:
	case ESR_EC_IABT_CUR:
		describe_abort(&t, esr);
		break;
	case ESR_EC_BRK64:
	case ESR_EC_HVC64:
	case ESR_EC_SMC64:
	case ESR_EC_SVC64:
		append(&t, ": immediate 0x%x", (unsigned int)(esr & 0xffff));
		break;
	default:
		break;
	}
	return t.n;
}

const char *exception_vector_name(unsigned long kind)
{
	static const char *const names[16] = {
		"Synchronous, current EL with SP_EL0", "IRQ, current EL with SP_EL0",
		"FIQ, current EL with SP_EL0", "SError, current EL with SP_EL0",
		"Synchronous, current EL with SP_ELx", "IRQ, current EL with SP_ELx",
		"FIQ, current EL with SP_ELx", "SError, current EL with SP_ELx",
		"Synchronous, lower EL (AArch64)", "IRQ, lower EL (AArch64)",
		"FIQ, lower EL (AArch64)", "SError, lower EL (AArch64)",
		"Synchronous, lower EL (AArch32)", "IRQ, lower EL (AArch32)",
		"FIQ, lower EL (AArch32)", "SError, lower EL (AArch32)",
	};

	return kind < 16 ? names[kind] : "unknown vector";
}
