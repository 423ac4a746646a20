# Generates random single-instruction 64-bit test cases, an assembly harness that runs them natively,
# and (after running) the oracle file for jvmm's HostOracleTest.
import random, struct, sys
random.seed(7)
SCRATCH = 0x300000   # .data address of the scratch area (same address in the jvmm sandbox)
CASES = []
def rnd64():
    r = random.random()
    if r < 0.15: return random.choice([0, 1, 0xFFFFFFFFFFFFFFFF, 0x8000000000000000, 0x7FFFFFFFFFFFFFFF, 0x80000000, 0x7FFFFFFF, 0xFFFFFFFF, 0x8000, 0xFFFF, 0x80, 0xFF])
    if r < 0.4: return random.getrandbits(random.choice([8, 16, 32]))
    return random.getrandbits(64)
def regs_pick():
    return random.choice([r for r in range(8) if r != 4])
def modrm_reg(reg, rm):
    rex = 0
    if reg >= 8: rex |= 4
    if rm >= 8: rex |= 1
    return rex, 0xC0 | ((reg & 7) << 3) | (rm & 7)
def build(opbytes, form, size, reg=None, rm=None, ext=None, imm=b'', byteop=False):
    """form: 'r' register ModRM, 'm' memory [rbx+disp8], 'n' no ModRM"""
    pre = []
    rex = 0
    if size == 2: pre.append(0x66)
    if size == 8: rex |= 8
    body = bytes(opbytes)
    if form in ('r', 'm'):
        r = ext if ext is not None else (reg if reg is not None else regs_pick())
        if form == 'r':
            m = rm if rm is not None else regs_pick()
            x, modrm = modrm_reg(r, m)
            rex |= x
            body += bytes([modrm])
        else:
            if r >= 8: rex |= 4
            body += bytes([0x40 | ((r & 7) << 3) | 3, random.randrange(0, 24)])
    pfx = bytes(pre) + (bytes([0x40 | rex]) if rex else b'')
    return pfx + body + imm
def imm(size):
    n = size
    return random.getrandbits(8 * n).to_bytes(n, 'little')
SIZES = [2, 4]
def gen():
    k = random.randrange(31)
    form = 'm' if random.random() < 0.25 else 'r'
    size = random.choice(SIZES)
    fam = ''
    if k == 0:   # ALU r/m, reg and reg, r/m
        op = random.randrange(8) * 8 + random.choice([0, 1, 2, 3])
        byteop = op % 2 == 0
        return build([op], form, 1 if byteop else size, byteop=byteop), ('logic' if op >> 3 in (1, 4, 6) else 'arith')
    if k == 1:   # group 1 with immediates
        o = random.choice([0x80, 0x81, 0x83]); e = random.randrange(8)
        s = 1 if o == 0x80 else size
        im = imm(1) if o != 0x81 else imm(min(s, 4))
        return build([o], form, s, ext=e, imm=im, byteop=(o == 0x80)), ('logic' if e in (1, 4, 6) else 'arith')
    if k == 2:   # inc/dec/not/neg
        o = random.choice([0xFE, 0xFF, 0xF6, 0xF7]); e = random.choice([0, 1]) if o in (0xFE, 0xFF) else random.choice([2, 3])
        return build([o], form, 1 if o in (0xFE, 0xF6) else size, ext=e, byteop=o in (0xFE, 0xF6)), 'arith'
    if k == 3:   # mul/imul one operand
        o = random.choice([0xF6, 0xF7]); e = random.choice([4, 5])
        return build([o], form, 1 if o == 0xF6 else size, ext=e, byteop=o == 0xF6), 'mul'
    if k == 4:   # imul two/three operand
        c = random.randrange(3)
        if c == 0: return build([0x0F, 0xAF], form, size), 'mul'
        if c == 1: return build([0x69], form, size, imm=imm(size if size < 8 else 4)), 'mul'
        return build([0x6B], form, size, imm=imm(1)), 'mul'
    if k == 5:   # shifts and rotates
        o = random.choice([0xC0, 0xC1, 0xD0, 0xD1, 0xD2, 0xD3]); e = random.choice([0, 1, 2, 3, 4, 5, 7])
        byteop = o in (0xC0, 0xD0, 0xD2)
        im = imm(1) if o in (0xC0, 0xC1) else b''
        return build([o], form, 1 if byteop else size, ext=e, imm=im, byteop=byteop), 'shift'
    if k == 6:   # test
        return build([random.choice([0x84, 0x85])], form, size), 'logic'
    if k == 7:   # bt family, register bit offset (register form only: memory forms address far away)
        o = random.choice([0xA3, 0xAB, 0xB3, 0xBB])
        return build([0x0F, o], 'r', size), 'bt'
    if k == 8:
        return build([0x0F, 0xBA], form, size, ext=random.randrange(4, 8), imm=imm(1)), 'bt'
    if k == 9:   # shld/shrd
        o = random.choice([0xA4, 0xA5, 0xAC, 0xAD])
        return build([0x0F, o], form, size, imm=imm(1) if o in (0xA4, 0xAC) else b''), 'dshift'
    if k == 10:  # bsf/bsr
        return build([0x0F, random.choice([0xBC, 0xBD])], form, size), 'bsf'
    if k == 11:  # movzx/movsx
        o = random.choice([0xB6, 0xB7, 0xBE, 0xBF])
        return build([0x0F, o], form, size), 'none'
    if k == 12:  # inc/dec short forms (REX prefixes in 64-bit mode)
        r = regs_pick()
        return (b'\x66' if size == 2 else b'') + bytes([random.choice([0x40, 0x48]) + r]), 'arith'
    if k == 13:  # cmovcc / setcc
        if random.random() < 0.5: return build([0x0F, 0x40 + random.randrange(16)], form, size), 'none'
        return build([0x0F, 0x90 + random.randrange(16)], form, 1, ext=0, byteop=True), 'none'
    if k == 14:  # bswap
        r = regs_pick()
        return bytes([0x0F, 0xC8 + r]), 'none'
    if k == 15:  # xadd / cmpxchg / xchg
        o = random.choice([[0x0F, 0xC1], [0x0F, 0xB1], [0x87], [0x0F, 0xC0], [0x86]])
        byteop = o in ([0x0F, 0xC0], [0x86])
        return build(o, form, 1 if byteop else size, byteop=byteop), 'arith'
    if k == 16:  # cbw/cwd family
        return build([random.choice([0x98, 0x99])], 'n', size), 'none'
    if k == 17:  # flag ops
        return bytes([random.choice([0xF8, 0xF9, 0xF5, 0x9E, 0x9F])]), 'none'
    if k == 18:  # lea, mov
        c = random.randrange(4)
        if c == 0: return build([0x8D], 'm', size), 'none'
        if c == 1: return build([random.choice([0x89, 0x8B])], form, size), 'none'
        if c == 2: return build([0xC7], form, size, ext=0, imm=imm(size if size < 8 else 4)), 'none'
        r = regs_pick()
        return (b'\x66' if size == 2 else b'') + bytes([0xB8 + r]) + imm(size), 'none'
    if k == 19:  # div/idiv with safe operands (set up by the case: rdx and divisor fixed below)
        return None, 'div'
    if k == 20:  # popcnt
        return b'\xf3' + build([0x0F, 0xB8], form, size), 'none'
    if k == 22:  # string instructions, optionally with REP (RSI/RDI/RCX set up by the case)
        o = random.choice([0xA4, 0xA5, 0xAA, 0xAB, 0xAC, 0xAD, 0xA6, 0xA7, 0xAE, 0xAF])
        rep = random.choice([b'', b'', b'\xf3', b'\xf2'])
        byteop = o % 2 == 0
        s2 = 1 if byteop else size
        pfx = (b'\x66' if s2 == 2 else b'')
        return rep + pfx + bytes([o]), 'string'
    if k == 23:  # push/pop register and memory, push imm (RSP points into the scratch area)
        c = random.randrange(5)
        r = regs_pick()
        sz = random.choice([2, 4])
        p66 = b'\x66' if sz == 2 else b''
        if c == 0: return p66 + bytes([0x50 + r]), 'stack'
        if c == 1: return p66 + bytes([0x58 + r]), 'stack'
        if c == 2: return p66 + bytes([0xFF, 0x73, random.randrange(0, 24)]), 'stack'   # push [rbx+d8]
        if c == 3: return p66 + bytes([0x8F, 0x43, random.randrange(0, 24)]), 'stack'   # pop [rbx+d8]
        return p66 + (bytes([0x6A]) + imm(1) if random.random() < 0.5 else bytes([0x68]) + imm(2 if sz == 2 else 4)), 'stack'
    if k == 24:  # pushf/popf, enter/leave
        c = random.randrange(4)
        if c == 0: return b'\x9c', 'pushf'
        if c == 1: return b'\x9d', 'popf'
        if c == 2: return bytes([0xC8, random.randrange(0, 16), 0]) + bytes([random.choice([0, 0, 1, 2, 3])]), 'stack'
        return b'\xc9', 'stack'
    if k == 25:  # rcl/rcr by 1 and by CL, more weight on carry rotates
        o = random.choice([0xD0, 0xD1, 0xD2, 0xD3, 0xC0, 0xC1]); e = random.choice([2, 3])
        byteop = o in (0xC0, 0xD0, 0xD2)
        return build([o], form, 1 if byteop else size, ext=e, imm=imm(1) if o in (0xC0, 0xC1) else b'', byteop=byteop), 'shift'
    if k == 26:  # CMPXCHG8B / CMPXCHG16B on [rbx + 0/16/32] (16-byte aligned)
        return bytes([0x0F, 0xC7, 0x4B, random.choice([0, 16, 32])]), 'cx8'
    if k == 27:  # BCD adjustments
        return bytes([random.choice([0x27, 0x2F, 0x37, 0x3F])]), 'bcd'
    if k == 28:
        return bytes([random.choice([0xD4, 0xD5]), random.choice([10, 10, random.randrange(1, 256)])]), 'aam'
    if k == 29:  # pusha/popa
        return (b'\x66' if size == 2 else b'') + bytes([random.choice([0x60, 0x61])]), 'stack'
    if k == 30:  # xlat
        return b'\xd7', 'none'
    return build([random.choice([0x00, 0x28, 0x38, 0x30, 0x10, 0x18])], form, 1, byteop=True), 'arith'

N = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
cases = []
while len(cases) < N:
    insn, fam = gen()
    regs = [rnd64() & 0xFFFFFFFF for _ in range(8)] + [0] * 8
    regs[4] = 0
    if fam == 'div':
        size = random.choice([2, 4])
        divisor = regs_pick()
        while divisor in (0, 2): divisor = regs_pick()
        e = random.choice([6, 7])
        insn = build([0xF7], 'r', size, ext=e, rm=divisor)
        v = random.getrandbits(size * 8 - 2) + 1
        regs[divisor] = v if size == 4 else (regs[divisor] & ~0xFFFF) | v
        regs[2] = 0
        if e == 7:  # idiv: rdx = sign extension of the (positive) dividend
            regs[0] &= (1 << (size * 8 - 1)) - 1 if size == 4 else ~0x8000
    if insn[:1] == b'\xf3' and b'\x0f\xbc' in insn or b'\x0f\xbd' in insn and insn[:1] == b'\xf3':
        continue
    flags = random.getrandbits(12) & 0x8D5
    base = SCRATCH + len(cases) * 64
    if fam == 'none' and insn == b'\xd7':
        regs[3] = base; regs[0] = (regs[0] & ~0xFF) | random.randrange(0, 64)
    if fam == 'string':
        flags |= random.choice([0, 0x400])        # DF
        regs[6] = base + random.randrange(16, 40)  # RSI
        regs[7] = base + random.randrange(16, 40)  # RDI
        regs[1] = random.randrange(0, 4)           # RCX
    if fam in ('stack', 'pushf', 'popf'):
        regs[5] = base + 48                        # RBP (ENTER/LEAVE)
        regs[4] = base + 40                        # RSP (PUSHA/POPA use 32 bytes below/above)
        if insn[-1:] in (b'\x60',): regs[4] = base + 48
        if insn[-1:] in (b'\x61',): regs[4] = base + 16
    if fam == 'popf':
        flags &= ~0x400
    uses_mem = False
    # memory forms use [rbx+disp8] (or r11 with REX.B): point both at the scratch area
    regs[3] = SCRATCH + len(cases) * 64
    scratch = bytes(random.getrandbits(8) for _ in range(64))
    if fam == 'cx8' and random.random() < 0.5:
        off = insn[-1]
        if True:
            regs[0] = int.from_bytes(scratch[off:off + 4], 'little'); regs[2] = int.from_bytes(scratch[off + 4:off + 8], 'little')
    if fam == 'popf':  # a popped image with random arithmetic flags, IF set, no TF/DF/AC
        img = (random.getrandbits(12) & 0x8D5) | 0x202
        scratch = scratch[:40] + img.to_bytes(8, 'little') + scratch[48:]
    cases.append((insn, fam, regs, flags, scratch))

R32 = ["eax","ecx","edx","ebx","esp","ebp","esi","edi"]
with open('cases.S', 'w') as f:
    f.write('.intel_syntax noprefix\n.text\n.globl run_all\n.code64\nrun_all:\n')
    f.write('  push rbx\n  push rbp\n  push r12\n  push r13\n  push r14\n  push r15\n  mov [rip+saved_rsp], rsp\n  lea rsp, [rip+low_stack_top]\n')
    for n in range(len(cases)):
        f.write(f'  lcall [rip+fp{n}]\n')
    f.write('  mov rsp, [rip+saved_rsp]\n  pop r15\n  pop r14\n  pop r13\n  pop r12\n  pop rbp\n  pop rbx\n  ret\n')
    f.write('.code32\n')
    for n, (insn, fam, regs, flags, scratch) in enumerate(cases):
        f.write(f'c{n}:\n  mov ax, 0x2b\n  mov ds, ax\n  mov es, ax\n  push {flags | 0x202:#x}\n  popfd\n  mov [stub_esp], esp\n')
        for r in range(8):
            if r == 4: continue
            f.write(f'  mov {R32[r]}, {regs[r]:#x}\n')
        if regs[4]:
            f.write(f'  mov esp, {regs[4]:#x}\n')
        f.write('  .byte ' + ','.join(str(b) for b in insn) + '\n')
        f.write(f'  mov [res+{n*136}], eax\n')
        for r in range(1, 8):
            if r == 4: continue
            f.write(f'  mov [res+{n*136+r*8}], {R32[r]}\n')
        f.write(f'  mov [res+{n*136+32}], esp\n  mov esp, [stub_esp]\n  pushfd\n  pop eax\n  mov [res+{n*136+128}], eax\n  retf\n')
    f.write('.section .scratch,"aw",@progbits\n.globl scratch\nscratch:\n')
    for insn, fam, regs, flags, scratch in cases:
        f.write('  .byte ' + ','.join(str(b) for b in scratch) + '\n')
    f.write('.data\n')
    for n in range(len(cases)):
        f.write(f'fp{n}: .long c{n}\n  .word 0x23\n')
    f.write(f'.globl res\nres: .space {len(cases)*136}\nsaved_rsp: .quad 0\nstub_esp: .long 0\n')
    f.write('.space 4096\nlow_stack_top: .quad 0\n')
    f.write('.globl ncases\nncases: .quad %d\n' % len(cases))
with open('cases.txt', 'w') as f:
    for insn, fam, regs, flags, scratch in cases:
        f.write('%s %s %s %x %s\n' % (insn.hex(), fam, ','.join('%x' % r for r in regs), flags, scratch.hex()))
