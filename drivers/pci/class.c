/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Names for the class codes a server platform shows, from the PCI Code and
 * ID Assignment Specification 1.11, chapter 1 "Class Codes".
 */

#include <monadic/pci.h>

#define CLASS_MATCH_ALL 0xffffffu  /* base class, sub-class and prog-if */
#define CLASS_MATCH_SUB 0xffff00u  /* any prog-if */

static const struct {
	uint32_t code, mask;
	const char *name;
} pci_classes[] = {
	{ 0x010802, CLASS_MATCH_ALL, "NVMe" },
	{ 0x010600, CLASS_MATCH_SUB, "SATA" },
	{ 0x010000, CLASS_MATCH_SUB, "SCSI" },
	{ 0x020000, CLASS_MATCH_SUB, "Ethernet" },
	{ 0x030000, CLASS_MATCH_SUB, "VGA" },
	{ 0x060000, CLASS_MATCH_SUB, "Host bridge" },
	{ 0x060400, CLASS_MATCH_SUB, "PCI bridge" },
	{ 0x0c0330, CLASS_MATCH_ALL, "xHCI" },
	{ 0x0c0500, CLASS_MATCH_SUB, "SMBus" },
};

const char *pci_class_name(uint32_t class_code)
{
	for (size_t i = 0; i < sizeof(pci_classes) / sizeof(pci_classes[0]); i++)
		if ((class_code & pci_classes[i].mask) == pci_classes[i].code)
			return pci_classes[i].name;
	return "";
}
