/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The arm64 side of running a vCPU (monadic/hal/vcpu.h): reset state,
 * loading the EL2 controls of its VM, entering it, and decoding each exit
 * for the VM core's handler of its kind (monadic/vm/exit.h). What only
 * the architecture can do, it does here: faults injected into the guest,
 * the PMU registers it traps.
 */

#include <arch/esr.h>
#include <arch/gic.h>
#include <arch/sysreg.h>
#include <arch/vcpu_ctx.h>
#include <monadic/cpu_id.h>
#include <monadic/hal/cpu.h>
#include <monadic/hal/vcpu.h>
#include <monadic/irq.h>
#include <monadic/printk.h>
#include <monadic/vm/exit.h>
#include <monadic/vm/vm.h>

#include "pmu.h"
#include "sys_iss.h"
#include "sysreg_sr.h"

/*
 * The vCPUs' register files. Every vCPU is pinned to a pCPU of its own
 * (the build refuses a CPU given twice), so there are at most as many as
 * CPUs; they are handed out once, at VM creation, on the boot CPU.
 */
static struct vcpu_ctx contexts[CONFIG_NR_CPUS];
static unsigned int contexts_used;

int hal_vcpu_init(struct vcpu *vcpu)
{
	if (contexts_used == CONFIG_NR_CPUS)
		return -1;
	vcpu->ctx = &contexts[contexts_used++];
	return 0;
}

void hal_vcpu_reset(struct vcpu *vcpu, uint64_t entry, uint64_t arg0)
{
	struct vcpu_ctx *c = vcpu->ctx;
	uint8_t *p = (uint8_t *)c;

	for (unsigned long i = 0; i < sizeof(*c); i++)
		p[i] = 0;
	c->x[0] = arg0;
	c->pc = entry;
	c->pstate = PSR_MODE_EL1H | PSR_DAIF_MASKED;
	c->el1.sctlr = SCTLR_EL1_RES1;
	c->vmpidr = MPIDR_RES1 | vcpu->index;
}

static uint64_t hcr_value(void)
{
	struct hal_cpu_regs regs;
	struct cpu_features f;
	uint64_t hcr = HCR_EL2_VM | HCR_EL2_SWIO | HCR_EL2_PTW | HCR_EL2_FMO | HCR_EL2_IMO |
		       HCR_EL2_AMO | HCR_EL2_FB | HCR_EL2_BSU_IS | HCR_EL2_TSC | HCR_EL2_RW;

#ifdef CONFIG_VM_TRAP_WFI
	hcr |= HCR_EL2_TWI;
#endif
	hal_cpu_read_regs(&regs);
	cpu_features_decode(&regs, &f);
	if (f.pauth)  /* let the guest use its own keys: the bits are RES0 without PAuth */
		hcr |= HCR_EL2_APK | HCR_EL2_API;
	return hcr;
}

void hal_vcpu_load(struct vcpu *vcpu)
{
	const struct vm *vm = vcpu->vm;
	uint64_t pfr0 = read_sysreg(ID_AA64PFR0_EL1);
	bool sve = ((pfr0 >> 32) & 0xf) != 0;

	write_sysreg(vm->vtcr, VTCR_EL2);
	write_sysreg(s2_vttbr(&vm->s2), VTTBR_EL2);
	write_sysreg(hcr_value(), HCR_EL2);
	write_sysreg(read_sysreg(MIDR_EL1), VPIDR_EL2);
	write_sysreg(vcpu->ctx->vmpidr, VMPIDR_EL2);
	write_sysreg(vm->cntvoff, CNTVOFF_EL2);
	write_sysreg(pmu_mdcr_el2(), MDCR_EL2);
	/* The physical counter and the EL1 physical timer are the guest's
	 * (timers.c). */
	write_sysreg(CNTHCTL_EL2_EL1PCTEN | CNTHCTL_EL2_EL1PCEN, CNTHCTL_EL2);
	/* FP/SIMD (and SVE where present) belong to the guest: no traps. */
	write_sysreg(CPTR_EL2_RES1 | (sve ? 0 : CPTR_EL2_TZ), CPTR_EL2);
	isb();
	el1_sysregs_restore(&vcpu->ctx->el1);
	fpsimd_restore(&vcpu->ctx->fp);
	/* Stale translations of this VMID from before the reset must go. */
	__asm__ volatile("tlbi vmalls12e1is\n dsb ish\n isb" : : : "memory");
}

/* Exception entry to the guest's EL1 (Arm ARM D1.10 "Exception entry"):
 * the guest's own vector table sees the exception as if the hardware had
 * raised it. EL1 registers are live in hardware (one vCPU per pCPU). */
static void inject_sync(struct vcpu *vcpu, uint64_t esr, uint64_t far)
{
	struct vcpu_ctx *c = vcpu->ctx;
	uint64_t mode = c->pstate & PSR_MODE_MASK;
	uint64_t offset;

	/* Vector offsets (D1.10.2): current EL with SP_EL0 0x000, with SP_ELx
	 * 0x200, lower EL (EL0, AArch64) 0x400. */
	if (mode == PSR_MODE_EL1H)
		offset = 0x200;
	else if (mode == PSR_MODE_EL1T)
		offset = 0x000;
	else
		offset = 0x400;
	write_sysreg(c->pc, ELR_EL1);
	write_sysreg(c->pstate, SPSR_EL1);
	write_sysreg(esr, ESR_EL1);
	write_sysreg(far, FAR_EL1);
	c->pc = read_sysreg(VBAR_EL1) + offset;
	c->pstate = PSR_MODE_EL1H | PSR_DAIF_MASKED;
}

void hal_vcpu_inject_abort(struct vcpu *vcpu, bool instruction, uint64_t addr)
{
	bool from_el1 = (vcpu->ctx->pstate & PSR_MODE_MASK) != PSR_MODE_EL0T;
	unsigned int ec = instruction ? (from_el1 ? ESR_EC_IABT_CUR : ESR_EC_IABT_LOW)
				      : (from_el1 ? ESR_EC_DABT_CUR : ESR_EC_DABT_LOW);
	uint64_t esr = FIELD(ec, ESR_EC_SHIFT) | ESR_IL | ESR_FSC_SYNC_EXTERNAL;

	/* Keep the direction of a data access: the guest's handler reports it. */
	if (!instruction)
		esr |= vcpu->ctx->esr & ESR_ISS_DABT_WNR;
	inject_sync(vcpu, esr, addr);
}

static void inject_undefined(struct vcpu *vcpu)
{
	inject_sync(vcpu, FIELD(ESR_EC_UNKNOWN, ESR_EC_SHIFT) | ESR_IL, 0);
}

/*
 * The exit handlers guest_entry.S calls, one per exception class and
 * vector (arch/vcpu_ctx.h): each decodes its trap and hands it to the VM
 * core's handler for that kind, as its last call. 'run' lives in
 * hal_vcpu_run's frame.
 */
struct vcpu_run;
typedef bool (*exit_handler_fn)(struct vcpu_run *run, uint64_t esr);

struct vcpu_run {
	/* cppcheck-suppress unusedStructMember ; guest_entry.S reads it */
	const exit_handler_fn *handlers;  /* first: guest_entry.S */
	/* cppcheck-suppress unusedStructMember ; guest_entry.S calls it */
	bool (*irq)(struct vcpu_run *run); /* second: guest_exit_irq's */
	struct vcpu *vcpu;
	struct vm_exit_ops ops;           /* a copy: one load less per exit */
	struct vm_mmio mmio;              /* a data abort's, for ops.mmio */
};

_Static_assert(__builtin_offsetof(struct vcpu_run, handlers) == 0 &&
		       __builtin_offsetof(struct vcpu_run, irq) == 8,
	       "guest_entry.S reads run's first two words");

void __guest_enter(struct vcpu_ctx *ctx, struct vcpu_run *run);

static bool exit_fatal(struct vcpu_run *run, const char *why, unsigned int cls)
{
	run->vcpu->ctx->far = read_sysreg(FAR_EL2);  /* for the report */
	return run->ops.fatal(run->vcpu, why, cls);
}

static bool exit_unknown(struct vcpu_run *run, uint64_t esr)
{
	return exit_fatal(run, "unhandled trap", esr_ec(esr));
}

static bool exit_hvc(struct vcpu_run *run, uint64_t esr)
{
	(void)esr;  /* ELR already points past the HVC */
	return run->ops.smccc(run->vcpu, ESR_EC_HVC64);
}

static bool exit_smc(struct vcpu_run *run, uint64_t esr)
{
	(void)esr;
	hal_vcpu_skip_instruction(run->vcpu);  /* a trapped SMC's ELR is the SMC itself */
	return run->ops.smccc(run->vcpu, ESR_EC_SMC64);
}

static bool exit_wfx(struct vcpu_run *run, uint64_t esr)
{
	hal_vcpu_skip_instruction(run->vcpu);
	if (esr & ESR_ISS_WFX_WFE)
		return run->ops.handled(run->vcpu, ESR_EC_WFX);
	return run->ops.wait(run->vcpu, ESR_EC_WFX);
}

/* FP/SIMD and SVE are not trapped (hal_vcpu_load): a trap is a guest
 * using what the CPU does not have. */
static bool exit_undefined(struct vcpu_run *run, uint64_t esr)
{
	inject_undefined(run->vcpu);
	return run->ops.handled(run->vcpu, esr_ec(esr));
}

/* An abort the guest gets back. Out of line: a data abort's emulated
 * access tests two bits and goes on. */
static __attribute__((noinline)) bool exit_abort_injected(struct vcpu_run *run, bool instruction,
							 uint64_t far)
{
	struct vcpu *vcpu = run->vcpu;

	vcpu->ctx->far = far;
	hal_vcpu_inject_abort(vcpu, instruction, far);
	return run->ops.handled(vcpu, instruction ? ESR_EC_IABT_LOW : ESR_EC_DABT_LOW);
}

static bool exit_instruction_abort(struct vcpu_run *run, uint64_t esr)
{
	(void)esr;
	return exit_abort_injected(run, true, read_sysreg(FAR_EL2));
}

/* A data abort with a valid syndrome (ISV) is an MMIO access to emulate;
 * without one (load pair, cache maintenance, a stage-1 walk outside the
 * VM's RAM) the guest gets the abort. */
static bool exit_data_abort(struct vcpu_run *run, uint64_t esr)
{
	struct vcpu *vcpu = run->vcpu;
	uint64_t far = read_sysreg(FAR_EL2);

	if (!(esr & ESR_ISS_DABT_ISV))
		return exit_abort_injected(run, false, far);
	if (esr & ESR_ISS_ABT_S1PTW)
		return exit_abort_injected(run, false, far);

	struct vm_mmio *m = &run->mmio;
	unsigned int size = 1U << ((esr >> ESR_ISS_DABT_SAS_SHIFT) & 3);

	m->access.ipa = ((read_sysreg(HPFAR_EL2) & HPFAR_FIPA_MASK) << (12 - HPFAR_FIPA_SHIFT)) |
			(far & 0xfff);
	m->access.size = size;
	m->access.write = (esr & ESR_ISS_DABT_WNR) != 0;
	m->reg = (unsigned int)((esr >> ESR_ISS_DABT_SRT_SHIFT) & 0x1f);
	m->sign_extend = (esr & ESR_ISS_DABT_SSE) != 0;
	m->wide = (esr & ESR_ISS_DABT_SF) != 0;
	/* A write's data, zero-extended; a read's is the handler's to set. */
	if (m->access.write) {
		uint64_t v = hal_vcpu_get_reg(vcpu, m->reg);

		m->access.value = size == 8 ? v : v & ((1ULL << (8 * size)) - 1);
	}
	return run->ops.mmio(vcpu, m, ESR_EC_DABT_LOW);
}

#define SYS_ICC_SGI1R_EL1 SYS_ISS(3, 0, 12, 11, 5)

static bool exit_sysreg(struct vcpu_run *run, uint64_t esr)
{
	struct vcpu *vcpu = run->vcpu;
	uint64_t iss = esr & ESR_ISS_MASK;
	unsigned int rt = (unsigned int)((iss >> SYS_ISS_RT_SHIFT) & 0x1f);
	bool read = (iss & SYS_ISS_READ) != 0;

	if ((iss & SYS_ISS_REG_MASK) == SYS_ICC_SGI1R_EL1 && !read) {
		hal_vcpu_skip_instruction(vcpu);
		return run->ops.sgi(vcpu, hal_vcpu_get_reg(vcpu, rt), ESR_EC_SYS64);
	}
	if (!pmu_trapped_access(vcpu, iss))
		inject_undefined(vcpu);
	return run->ops.handled(vcpu, ESR_EC_SYS64);
}

/* Taken here, inline: one per exit, another one still pending ends the
 * next guest run at once. */
static bool exit_irq(struct vcpu_run *run)
{
	uint32_t intid = IRQ_SPURIOUS;

#ifdef CONFIG_GICV3
	intid = gic_ack();
	if (intid != IRQ_SPURIOUS)
		gic_eoi(intid);
#endif
	return run->ops.irq(run->vcpu, intid);
}

static bool exit_fiq(struct vcpu_run *run, uint64_t esr)
{
	(void)esr;
	return exit_fatal(run, "FIQ", 0);
}

static bool exit_serror(struct vcpu_run *run, uint64_t esr)
{
	(void)esr;
	return exit_fatal(run, "SError from the guest", 0);
}

static bool exit_aarch32(struct vcpu_run *run, uint64_t esr)
{
	(void)esr;
	return exit_fatal(run, "exception from AArch32", 0);
}

/* Every class not named goes to exit_unknown: the range first, the named
 * entries override it. IRQs go to run.irq (guest_exit_irq), not here. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
static const exit_handler_fn exit_handlers[EXIT_TABLE_SIZE] = {
	[0 ... EXIT_TABLE_SIZE - 1] = exit_unknown,
	[ESR_EC_WFX] = exit_wfx,
	[ESR_EC_FP_ASIMD] = exit_undefined,
	[ESR_EC_HVC64] = exit_hvc,
	[ESR_EC_SMC64] = exit_smc,
	[ESR_EC_SYS64] = exit_sysreg,
	[ESR_EC_SVE] = exit_undefined,
	[ESR_EC_IABT_LOW] = exit_instruction_abort,
	[ESR_EC_DABT_LOW] = exit_data_abort,
	[EXIT_BY_VECTOR(EXIT_VECTOR_FIQ)] = exit_fiq,
	[EXIT_BY_VECTOR(EXIT_VECTOR_SERROR)] = exit_serror,
	[EXIT_BY_VECTOR(12)... EXIT_BY_VECTOR(15)] = exit_aarch32,
};
#pragma GCC diagnostic pop

void hal_vcpu_run(struct vcpu *vcpu, const struct vm_exit_ops *ops)
{
	struct vcpu_run run = { .handlers = exit_handlers, .irq = exit_irq, .vcpu = vcpu, .ops = *ops };

	__guest_enter(vcpu->ctx, &run);
}

void hal_cpu_wait_interrupt(void)
{
	wfi();
}

int hal_vcpu_describe_exit(const struct vcpu *vcpu, char *buf, unsigned long size)
{
	char what[128];

	esr_describe(vcpu->ctx->esr, what, sizeof(what));
	return mhv_snprintf(buf, size, "%s at PC 0x%llx, FAR 0x%llx", what,
			    (unsigned long long)vcpu->ctx->pc, (unsigned long long)vcpu->ctx->far);
}
