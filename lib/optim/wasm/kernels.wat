;; cyclical-lr optimizer kernels, WebAssembly SIMD (f32x4). Hand-written; assembled by
;; scripts/build_wasm.mjs into kernels_wasm.ts. Every operation is an IEEE float32 operation
;; (no fused multiply-add), in the order of lib/optim/_plain.ts, so both kernels give the
;; same bits. Pointers are byte offsets into the imported memory; n is a multiple of 4
;; (the caller runs the tail with the plain kernel). Flags are chosen per step on the host
;; and turned into lane masks here, so the loops have no data-dependent branches.
(module
  (import "env" "memory" (memory 1))

  ;; 0 or all ones in every lane, from one flag bit.
  (func $mask (param $flags i32) (param $bit i32) (result v128)
    (i32x4.splat (i32.sub (i32.const 0) (i32.ne (i32.and (local.get $flags) (local.get $bit)) (i32.const 0)))))

  ;; SGD: flags 1 weight decay, 2 momentum, 4 first momentum step, 8 nesterov.
  (func (export "sgd")
    (param $p i32) (param $g i32) (param $b i32) (param $n i32)
    (param $lr f32) (param $wd f32) (param $mom f32) (param $damp f32) (param $flags i32)
    (local $end i32) (local $vlr v128) (local $vwd v128) (local $vmom v128) (local $vdamp v128)
    (local $mwd v128) (local $mfirst v128) (local $mnest v128)
    (local $pv v128) (local $d v128) (local $bv v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vlr (f32x4.splat (local.get $lr)))
    (local.set $vwd (f32x4.splat (local.get $wd)))
    (local.set $vmom (f32x4.splat (local.get $mom)))
    (local.set $vdamp (f32x4.splat (local.get $damp)))
    (local.set $mwd (call $mask (local.get $flags) (i32.const 1)))
    (local.set $mfirst (call $mask (local.get $flags) (i32.const 4)))
    (local.set $mnest (call $mask (local.get $flags) (i32.const 8)))
    (if (i32.eqz (local.get $n)) (then (return)))
    ;; the common case, flags 2 (momentum, not the first step, no weight decay, no Nesterov)
    (if (i32.eq (local.get $flags) (i32.const 2))
      (then
        (loop $lean
          (local.set $bv (f32x4.add (f32x4.mul (local.get $vmom) (v128.load (local.get $b)))
                                    (f32x4.mul (local.get $vdamp) (v128.load (local.get $g)))))
          (v128.store (local.get $b) (local.get $bv))
          (v128.store (local.get $p) (f32x4.sub (v128.load (local.get $p)) (f32x4.mul (local.get $vlr) (local.get $bv))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (local.set $g (i32.add (local.get $g) (i32.const 16)))
          (local.set $b (i32.add (local.get $b) (i32.const 16)))
          (br_if $lean (i32.lt_u (local.get $p) (local.get $end))))
        (return)))
    (if (i32.and (local.get $flags) (i32.const 2))
      (then
        (loop $momentum
          (local.set $pv (v128.load (local.get $p)))
          (local.set $d (v128.load (local.get $g)))
          (local.set $d (v128.bitselect
            (f32x4.add (local.get $d) (f32x4.mul (local.get $vwd) (local.get $pv)))
            (local.get $d) (local.get $mwd)))
          (local.set $bv (v128.bitselect
            (local.get $d)
            (f32x4.add (f32x4.mul (local.get $vmom) (v128.load (local.get $b)))
                       (f32x4.mul (local.get $vdamp) (local.get $d)))
            (local.get $mfirst)))
          (v128.store (local.get $b) (local.get $bv))
          (local.set $d (v128.bitselect
            (f32x4.add (local.get $d) (f32x4.mul (local.get $vmom) (local.get $bv)))
            (local.get $bv) (local.get $mnest)))
          (v128.store (local.get $p) (f32x4.sub (local.get $pv) (f32x4.mul (local.get $vlr) (local.get $d))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (local.set $g (i32.add (local.get $g) (i32.const 16)))
          (local.set $b (i32.add (local.get $b) (i32.const 16)))
          (br_if $momentum (i32.lt_u (local.get $p) (local.get $end)))))
      (else
        (loop $plain
          (local.set $pv (v128.load (local.get $p)))
          (local.set $d (v128.load (local.get $g)))
          (local.set $d (v128.bitselect
            (f32x4.add (local.get $d) (f32x4.mul (local.get $vwd) (local.get $pv)))
            (local.get $d) (local.get $mwd)))
          (v128.store (local.get $p) (f32x4.sub (local.get $pv) (f32x4.mul (local.get $vlr) (local.get $d))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (local.set $g (i32.add (local.get $g) (i32.const 16)))
          (br_if $plain (i32.lt_u (local.get $p) (local.get $end)))))))

  ;; Adam: flags 1 L2 weight decay, 2 decoupled weight decay, 4 lerp from the end.
  (func (export "adam")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (param $wd f32) (param $decay f32) (param $lerp f32) (param $b2 f32) (param $c2 f32)
    (param $bc2 f32) (param $eps f32) (param $nss f32) (param $flags i32)
    (local $end i32)
    (local $vwd v128) (local $vdecay v128) (local $vlerp v128) (local $vb2 v128) (local $vc2 v128)
    (local $vbc2 v128) (local $veps v128) (local $vnss v128)
    (local $ml2 v128) (local $mdec v128) (local $mend v128)
    (local $pv v128) (local $gv v128) (local $mv v128) (local $vv v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vwd (f32x4.splat (local.get $wd)))
    (local.set $vdecay (f32x4.splat (local.get $decay)))
    (local.set $vlerp (f32x4.splat (local.get $lerp)))
    (local.set $vb2 (f32x4.splat (local.get $b2)))
    (local.set $vc2 (f32x4.splat (local.get $c2)))
    (local.set $vbc2 (f32x4.splat (local.get $bc2)))
    (local.set $veps (f32x4.splat (local.get $eps)))
    (local.set $vnss (f32x4.splat (local.get $nss)))
    (local.set $ml2 (call $mask (local.get $flags) (i32.const 1)))
    (local.set $mdec (call $mask (local.get $flags) (i32.const 2)))
    (local.set $mend (call $mask (local.get $flags) (i32.const 4)))
    (if (i32.eqz (local.get $n)) (then (return)))
    ;; the common case, flags 0 (no weight decay, lerp from the start): the same operations
    ;; without the masks
    (if (i32.eqz (local.get $flags))
      (then
        (loop $lean
          (local.set $gv (v128.load (local.get $g)))
          (local.set $mv (v128.load (local.get $m)))
          (local.set $mv (f32x4.add (local.get $mv)
            (f32x4.mul (local.get $vlerp) (f32x4.sub (local.get $gv) (local.get $mv)))))
          (v128.store (local.get $m) (local.get $mv))
          (local.set $vv (f32x4.add
            (f32x4.mul (v128.load (local.get $v)) (local.get $vb2))
            (f32x4.mul (f32x4.mul (local.get $vc2) (local.get $gv)) (local.get $gv))))
          (v128.store (local.get $v) (local.get $vv))
          (v128.store (local.get $p) (f32x4.add (v128.load (local.get $p))
            (f32x4.div
              (f32x4.mul (local.get $vnss) (local.get $mv))
              (f32x4.add (f32x4.div (f32x4.sqrt (local.get $vv)) (local.get $vbc2)) (local.get $veps)))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (local.set $g (i32.add (local.get $g) (i32.const 16)))
          (local.set $m (i32.add (local.get $m) (i32.const 16)))
          (local.set $v (i32.add (local.get $v) (i32.const 16)))
          (br_if $lean (i32.lt_u (local.get $p) (local.get $end))))
        (return)))
    (loop $adam
      (local.set $pv (v128.load (local.get $p)))
      (local.set $gv (v128.load (local.get $g)))
      (local.set $mv (v128.load (local.get $m)))
      (local.set $gv (v128.bitselect
        (f32x4.add (local.get $gv) (f32x4.mul (local.get $vwd) (local.get $pv)))
        (local.get $gv) (local.get $ml2)))
      (local.set $pv (v128.bitselect
        (f32x4.mul (local.get $pv) (local.get $vdecay))
        (local.get $pv) (local.get $mdec)))
      (local.set $mv (f32x4.add
        (v128.bitselect (local.get $gv) (local.get $mv) (local.get $mend))
        (f32x4.mul (local.get $vlerp) (f32x4.sub (local.get $gv) (local.get $mv)))))
      (v128.store (local.get $m) (local.get $mv))
      (local.set $vv (f32x4.add
        (f32x4.mul (v128.load (local.get $v)) (local.get $vb2))
        (f32x4.mul (f32x4.mul (local.get $vc2) (local.get $gv)) (local.get $gv))))
      (v128.store (local.get $v) (local.get $vv))
      (v128.store (local.get $p) (f32x4.add (local.get $pv)
        (f32x4.div
          (f32x4.mul (local.get $vnss) (local.get $mv))
          (f32x4.add (f32x4.div (f32x4.sqrt (local.get $vv)) (local.get $vbc2)) (local.get $veps)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (local.set $m (i32.add (local.get $m) (i32.const 16)))
      (local.set $v (i32.add (local.get $v) (i32.const 16)))
      (br_if $adam (i32.lt_u (local.get $p) (local.get $end)))))

  ;; Schedule-free SGD (p holds y): flags 1 weight decay at y.
  ;; d = g (+ wd * y); z = z - lr * d; x = x * keep + ck * z; y = x * beta + omb * z.
  (func (export "sfSgd")
    (param $p i32) (param $g i32) (param $z i32) (param $x i32) (param $n i32)
    (param $lr f32) (param $wd f32) (param $keep f32) (param $ck f32) (param $beta f32) (param $omb f32)
    (param $flags i32)
    (local $end i32) (local $vlr v128) (local $vwd v128) (local $vkeep v128) (local $vck v128)
    (local $vbeta v128) (local $vomb v128) (local $d v128) (local $zv v128) (local $xv v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vlr (f32x4.splat (local.get $lr)))
    (local.set $vwd (f32x4.splat (local.get $wd)))
    (local.set $vkeep (f32x4.splat (local.get $keep)))
    (local.set $vck (f32x4.splat (local.get $ck)))
    (local.set $vbeta (f32x4.splat (local.get $beta)))
    (local.set $vomb (f32x4.splat (local.get $omb)))
    (if (i32.eqz (local.get $n)) (then (return)))
    (loop $sf
      (local.set $d (v128.load (local.get $g)))
      (if (i32.and (local.get $flags) (i32.const 1))
        (then (local.set $d (f32x4.add (local.get $d) (f32x4.mul (local.get $vwd) (v128.load (local.get $p)))))))
      (local.set $zv (f32x4.sub (v128.load (local.get $z)) (f32x4.mul (local.get $vlr) (local.get $d))))
      (local.set $xv (f32x4.add (f32x4.mul (v128.load (local.get $x)) (local.get $vkeep))
                                (f32x4.mul (local.get $vck) (local.get $zv))))
      (v128.store (local.get $z) (local.get $zv))
      (v128.store (local.get $x) (local.get $xv))
      (v128.store (local.get $p) (f32x4.add (f32x4.mul (local.get $xv) (local.get $vbeta))
                                            (f32x4.mul (local.get $vomb) (local.get $zv))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (local.set $z (i32.add (local.get $z) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br_if $sf (i32.lt_u (local.get $p) (local.get $end)))))

  ;; Schedule-free AdamW (p holds y): flags 1 weight decay at y.
  ;; z = z - lrwd * y; v = v * b2 + (c2 * g) * g; z = z + (nlr * g) / (sqrt(v / bc2) + eps);
  ;; x = x * keep + ck * z; y = x * b1 + omb1 * z.
  (func (export "sfAdamw")
    (param $p i32) (param $g i32) (param $z i32) (param $x i32) (param $v i32) (param $n i32)
    (param $lrwd f32) (param $b2 f32) (param $c2 f32) (param $bc2 f32) (param $eps f32) (param $nlr f32)
    (param $keep f32) (param $ck f32) (param $b1 f32) (param $omb1 f32) (param $flags i32)
    (local $end i32) (local $vlrwd v128) (local $vb2 v128) (local $vc2 v128) (local $vbc2 v128) (local $veps v128)
    (local $vnlr v128) (local $vkeep v128) (local $vck v128) (local $vb1 v128) (local $vomb1 v128)
    (local $gv v128) (local $zv v128) (local $vv v128) (local $xv v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vlrwd (f32x4.splat (local.get $lrwd)))
    (local.set $vb2 (f32x4.splat (local.get $b2)))
    (local.set $vc2 (f32x4.splat (local.get $c2)))
    (local.set $vbc2 (f32x4.splat (local.get $bc2)))
    (local.set $veps (f32x4.splat (local.get $eps)))
    (local.set $vnlr (f32x4.splat (local.get $nlr)))
    (local.set $vkeep (f32x4.splat (local.get $keep)))
    (local.set $vck (f32x4.splat (local.get $ck)))
    (local.set $vb1 (f32x4.splat (local.get $b1)))
    (local.set $vomb1 (f32x4.splat (local.get $omb1)))
    (if (i32.eqz (local.get $n)) (then (return)))
    (loop $sf
      (local.set $gv (v128.load (local.get $g)))
      (local.set $zv (v128.load (local.get $z)))
      (if (i32.and (local.get $flags) (i32.const 1))
        (then (local.set $zv (f32x4.sub (local.get $zv) (f32x4.mul (local.get $vlrwd) (v128.load (local.get $p)))))))
      (local.set $vv (f32x4.add
        (f32x4.mul (v128.load (local.get $v)) (local.get $vb2))
        (f32x4.mul (f32x4.mul (local.get $vc2) (local.get $gv)) (local.get $gv))))
      (v128.store (local.get $v) (local.get $vv))
      (local.set $zv (f32x4.add (local.get $zv)
        (f32x4.div (f32x4.mul (local.get $vnlr) (local.get $gv))
                   (f32x4.add (f32x4.sqrt (f32x4.div (local.get $vv) (local.get $vbc2))) (local.get $veps)))))
      (local.set $xv (f32x4.add (f32x4.mul (v128.load (local.get $x)) (local.get $vkeep))
                                (f32x4.mul (local.get $vck) (local.get $zv))))
      (v128.store (local.get $z) (local.get $zv))
      (v128.store (local.get $x) (local.get $xv))
      (v128.store (local.get $p) (f32x4.add (f32x4.mul (local.get $xv) (local.get $vb1))
                                            (f32x4.mul (local.get $vomb1) (local.get $zv))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (local.set $z (i32.add (local.get $z) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $v (i32.add (local.get $v) (i32.const 16)))
      (br_if $sf (i32.lt_u (local.get $p) (local.get $end)))))

  ;; Element index of the first 4-lane block holding a NaN or an infinity (x - x is not 0), or -1.
  (func (export "scan") (param $x i32) (param $n i32) (result i32)
    (local $i i32) (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $i (local.get $x))
    (if (i32.eqz (local.get $n)) (then (return (i32.const -1))))
    (loop $scan
      (local.set $v (v128.load (local.get $i)))
      (if (i32.eqz (i32x4.all_true (f32x4.eq (f32x4.sub (local.get $v) (local.get $v)) (v128.const i32x4 0 0 0 0))))
        (then (return (i32.shr_u (i32.sub (local.get $i) (local.get $x)) (i32.const 2)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br_if $scan (i32.lt_u (local.get $i) (local.get $end))))
    (i32.const -1))

  ;; The memory-bandwidth baseline of the benchmark: a = b + s * c.
  (func (export "triad") (param $a i32) (param $b i32) (param $c i32) (param $n i32) (param $s f32)
    (local $end i32) (local $vs v128)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vs (f32x4.splat (local.get $s)))
    (if (i32.eqz (local.get $n)) (then (return)))
    (loop $triad
      (v128.store (local.get $a)
        (f32x4.add (v128.load (local.get $b)) (f32x4.mul (local.get $vs) (v128.load (local.get $c)))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br_if $triad (i32.lt_u (local.get $a) (local.get $end))))))
