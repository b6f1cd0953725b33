;; The demo's model kernels: WebAssembly SIMD (f32x4) for the first layer of the
;; 784-128-10 MLP, the only part with real work. Rows of w1 (and of its gradient g1) are
;; per input pixel, 128 floats = 512 bytes, and an image is its non-zero pixels (CSR:
;; pixel index as u16, value as f32), so both passes walk only those pixels. Each pass
;; runs over the 128 hidden units in 4 blocks of 32 held in 8 f32x4 locals, so the inner
;; loop over pixels only loads w1 (hidden) or loads and stores g1 (outer).
;; Assembled by demo/build_kernels.mjs into demo/kernels_wasm.ts; the memory is the
;; importer's, pointers are byte offsets, every array 16-byte aligned.
(module
  (import "env" "memory" (memory 1))

  ;; out[0..128) = relu(b1 + sum over k in [k0, k1) of val[k] * w1[idx[k] * 128 ..])
  (func (export "hidden") (param $w1 i32) (param $b1 i32) (param $idx i32) (param $val i32)
        (param $k0 i32) (param $k1 i32) (param $out i32)
    (local $b i32) (local $k i32) (local $row i32) (local $v v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local.set $b (i32.const 0))
    (loop $blocks
      (local.set $a0 (v128.load offset=0 (i32.add (local.get $b1) (local.get $b))))
      (local.set $a1 (v128.load offset=16 (i32.add (local.get $b1) (local.get $b))))
      (local.set $a2 (v128.load offset=32 (i32.add (local.get $b1) (local.get $b))))
      (local.set $a3 (v128.load offset=48 (i32.add (local.get $b1) (local.get $b))))
      (local.set $a4 (v128.load offset=64 (i32.add (local.get $b1) (local.get $b))))
      (local.set $a5 (v128.load offset=80 (i32.add (local.get $b1) (local.get $b))))
      (local.set $a6 (v128.load offset=96 (i32.add (local.get $b1) (local.get $b))))
      (local.set $a7 (v128.load offset=112 (i32.add (local.get $b1) (local.get $b))))
      (local.set $k (local.get $k0))
      (block $done
        (br_if $done (i32.ge_u (local.get $k) (local.get $k1)))
        (loop $pixels
          (local.set $v (f32x4.splat (f32.load (i32.add (local.get $val) (i32.shl (local.get $k) (i32.const 2))))))
          (local.set $row (i32.add
            (i32.add (local.get $w1) (i32.shl (i32.load16_u (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 1)))) (i32.const 9)))
            (local.get $b)))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $v) (v128.load offset=0 (local.get $row)))))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $v) (v128.load offset=16 (local.get $row)))))
          (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $v) (v128.load offset=32 (local.get $row)))))
          (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $v) (v128.load offset=48 (local.get $row)))))
          (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $v) (v128.load offset=64 (local.get $row)))))
          (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $v) (v128.load offset=80 (local.get $row)))))
          (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $v) (v128.load offset=96 (local.get $row)))))
          (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $v) (v128.load offset=112 (local.get $row)))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $pixels (i32.lt_u (local.get $k) (local.get $k1)))))
      (v128.store offset=0 (i32.add (local.get $out) (local.get $b)) (f32x4.max (local.get $a0) (v128.const f32x4 0 0 0 0)))
      (v128.store offset=16 (i32.add (local.get $out) (local.get $b)) (f32x4.max (local.get $a1) (v128.const f32x4 0 0 0 0)))
      (v128.store offset=32 (i32.add (local.get $out) (local.get $b)) (f32x4.max (local.get $a2) (v128.const f32x4 0 0 0 0)))
      (v128.store offset=48 (i32.add (local.get $out) (local.get $b)) (f32x4.max (local.get $a3) (v128.const f32x4 0 0 0 0)))
      (v128.store offset=64 (i32.add (local.get $out) (local.get $b)) (f32x4.max (local.get $a4) (v128.const f32x4 0 0 0 0)))
      (v128.store offset=80 (i32.add (local.get $out) (local.get $b)) (f32x4.max (local.get $a5) (v128.const f32x4 0 0 0 0)))
      (v128.store offset=96 (i32.add (local.get $out) (local.get $b)) (f32x4.max (local.get $a6) (v128.const f32x4 0 0 0 0)))
      (v128.store offset=112 (i32.add (local.get $out) (local.get $b)) (f32x4.max (local.get $a7) (v128.const f32x4 0 0 0 0)))
      (local.set $b (i32.add (local.get $b) (i32.const 128)))
      (br_if $blocks (i32.lt_u (local.get $b) (i32.const 512)))))

  ;; g1[idx[k] * 128 ..] += val[k] * dh[0..128) for every k in [k0, k1)
  (func (export "outer") (param $g1 i32) (param $idx i32) (param $val i32) (param $k0 i32) (param $k1 i32) (param $dh i32)
    (local $b i32) (local $k i32) (local $row i32) (local $v v128)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128) (local $d4 v128) (local $d5 v128) (local $d6 v128) (local $d7 v128)
    (local.set $b (i32.const 0))
    (loop $blocks
      (local.set $d0 (v128.load offset=0 (i32.add (local.get $dh) (local.get $b))))
      (local.set $d1 (v128.load offset=16 (i32.add (local.get $dh) (local.get $b))))
      (local.set $d2 (v128.load offset=32 (i32.add (local.get $dh) (local.get $b))))
      (local.set $d3 (v128.load offset=48 (i32.add (local.get $dh) (local.get $b))))
      (local.set $d4 (v128.load offset=64 (i32.add (local.get $dh) (local.get $b))))
      (local.set $d5 (v128.load offset=80 (i32.add (local.get $dh) (local.get $b))))
      (local.set $d6 (v128.load offset=96 (i32.add (local.get $dh) (local.get $b))))
      (local.set $d7 (v128.load offset=112 (i32.add (local.get $dh) (local.get $b))))
      (local.set $k (local.get $k0))
      (block $done
        (br_if $done (i32.ge_u (local.get $k) (local.get $k1)))
        (loop $pixels
          (local.set $v (f32x4.splat (f32.load (i32.add (local.get $val) (i32.shl (local.get $k) (i32.const 2))))))
          (local.set $row (i32.add
            (i32.add (local.get $g1) (i32.shl (i32.load16_u (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 1)))) (i32.const 9)))
            (local.get $b)))
          (v128.store offset=0 (local.get $row) (f32x4.add (v128.load offset=0 (local.get $row)) (f32x4.mul (local.get $v) (local.get $d0))))
          (v128.store offset=16 (local.get $row) (f32x4.add (v128.load offset=16 (local.get $row)) (f32x4.mul (local.get $v) (local.get $d1))))
          (v128.store offset=32 (local.get $row) (f32x4.add (v128.load offset=32 (local.get $row)) (f32x4.mul (local.get $v) (local.get $d2))))
          (v128.store offset=48 (local.get $row) (f32x4.add (v128.load offset=48 (local.get $row)) (f32x4.mul (local.get $v) (local.get $d3))))
          (v128.store offset=64 (local.get $row) (f32x4.add (v128.load offset=64 (local.get $row)) (f32x4.mul (local.get $v) (local.get $d4))))
          (v128.store offset=80 (local.get $row) (f32x4.add (v128.load offset=80 (local.get $row)) (f32x4.mul (local.get $v) (local.get $d5))))
          (v128.store offset=96 (local.get $row) (f32x4.add (v128.load offset=96 (local.get $row)) (f32x4.mul (local.get $v) (local.get $d6))))
          (v128.store offset=112 (local.get $row) (f32x4.add (v128.load offset=112 (local.get $row)) (f32x4.mul (local.get $v) (local.get $d7))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $pixels (i32.lt_u (local.get $k) (local.get $k1)))))
      (local.set $b (i32.add (local.get $b) (i32.const 128)))
      (br_if $blocks (i32.lt_u (local.get $b) (i32.const 512)))))
)
