// glr's own elementary functions: exp, log, sin(πx) and cos(πx) in Double, computed by a
// fixed sequence of IEEE-754 additions, multiplications and divisions (no FMA, no table,
// no libm), so that they return the same bits on every machine. libm's results differ
// between platforms and versions; these reach reported numbers (losses, mixture
// likelihoods, rotations, Gaussian samples), so glr computes them itself.
//
// Accuracy (tested against libm in ReferenceMathTests): within 1 ulp for exp and log,
// within 2 ulp for sinPi and cosPi. The algorithms are the classic ones (Cody–Waite range
// reduction and a minimax polynomial for exp, the atanh series for log, Taylor kernels on
// a quarter turn for sin and cos), as described in Muller, "Elementary Functions".

/// Elementary functions with machine-independent results (see the file comment).
public enum ReferenceMath {
    // ln 2 split so that k·ln2Hi is exact for |k| < 2^20, and 1/ln 2.
    private static let ln2Hi = 6.93147180369123816490e-01
    private static let ln2Lo = 1.90821492927058770002e-10
    private static let inverseLn2 = 1.44269504088896338700e+00

    /// e^x. Overflows to +∞ above 709.78, underflows to 0 below −745.13; NaN stays NaN.
    public static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.782712893383973096 { return .infinity }
        if x < -745.133219101941108420 { return 0 }
        // x = k·ln 2 + r with |r| ≤ ln 2 / 2.
        let k = (x * inverseLn2).rounded(.toNearestOrEven)
        let hi = x - k * ln2Hi
        let lo = k * ln2Lo
        let r = hi - lo
        // e^r = 1 + 2r / (2 − R(r)) with R a minimax fit of r·(e^r + 1)/(e^r − 1) − 2.
        let t = r * r
        let p1 = 1.66666666666666019037e-01, p2 = -2.77777777770155933842e-03
        let p3 = 6.61375632143793436117e-05, p4 = -1.65339022054652515390e-06
        let p5 = 4.13813679705723846039e-08
        let c = r - t * (p1 + t * (p2 + t * (p3 + t * (p4 + t * p5))))
        let y = 1 - ((lo - (r * c) / (2 - c)) - hi)
        return scale(y, byPowerOfTwo: Int(k))
    }

    /// The natural logarithm; log(0) = −∞, log of a negative number or NaN is NaN.
    public static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return x }
        // x = 2^k · m with m in [√2/2, √2).
        var m = x.significand
        var k = Int(x.exponent)
        if m > 1.41421356237309504880 {
            m = m / 2
            k += 1
        }
        let f = m - 1
        // log(1 + f) = 2·atanh(s), s = f / (2 + f), as f − s·(f − R(s)) in fdlibm's arrangement.
        let s = f / (2 + f)
        let z = s * s
        let w = z * z
        let lg1 = 6.666666666666735130e-01, lg2 = 3.999999999940941908e-01
        let lg3 = 2.857142874366239149e-01, lg4 = 2.222219843214978396e-01
        let lg5 = 1.818357216161805012e-01, lg6 = 1.531383769920937332e-01
        let lg7 = 1.479819860511658591e-01
        let t1 = w * (lg2 + w * (lg4 + w * lg6))
        let t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)))
        let r = t2 + t1
        let hfsq = 0.5 * f * f
        let dk = Double(k)
        return dk * ln2Hi - ((hfsq - (s * (hfsq + r) + dk * ln2Lo)) - f)
    }

    /// sin(π·x). Exact at multiples of 1/2 (0 or ±1); NaN for ±∞ and NaN.
    public static func sinPi(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        let (quadrant, r) = quarterTurns(abs(x))
        let t = r * Double.pi
        let value: Double
        switch quadrant {
        case 0: value = sinKernel(t)
        case 1: value = cosKernel(t)
        case 2: value = -sinKernel(t)
        default: value = -cosKernel(t)
        }
        return x < 0 ? -value : value
    }

    /// cos(π·x). Exact at multiples of 1/2 (0 or ±1); NaN for ±∞ and NaN.
    public static func cosPi(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        let (quadrant, r) = quarterTurns(abs(x))
        let t = r * Double.pi
        switch quadrant {
        case 0: return cosKernel(t)
        case 1: return -sinKernel(t)
        case 2: return -cosKernel(t)
        default: return sinKernel(t)
        }
    }

    // MARK: - Helpers

    /// y · 2^k without overflow in the intermediate (k may reach ±1075).
    private static func scale(_ y: Double, byPowerOfTwo k: Int) -> Double {
        Double(sign: .plus, exponent: k, significand: y)
    }

    /// x ≥ 0 (in half turns) = 2j + q/2 + r with q in 0...3 and |r| ≤ 1/4; every step is
    /// exact (callers use the symmetries of sin and cos for x < 0).
    private static func quarterTurns(_ x: Double) -> (Int, Double) {
        let y = x.truncatingRemainder(dividingBy: 2)   // exact, in [0, 2)
        let q = (y * 2).rounded(.toNearestOrEven)      // 0...4
        let r = y - q / 2                              // exact
        return (Int(q) % 4, r)
    }

    /// sin t for |t| ≤ π/4: Taylor polynomial to t^21 (truncation below 2^−70).
    private static func sinKernel(_ t: Double) -> Double {
        let z = t * t
        var p = 1.0 / 51_090_942_171_709_440_000.0              // 1/21!
        p = p * z - 1.0 / 121_645_100_408_832_000.0             // 1/19!
        p = p * z + 1.0 / 355_687_428_096_000.0                 // 1/17!
        p = p * z - 1.0 / 1_307_674_368_000.0                   // 1/15!
        p = p * z + 1.0 / 6_227_020_800.0                       // 1/13!
        p = p * z - 1.0 / 39_916_800.0                          // 1/11!
        p = p * z + 1.0 / 362_880.0                             // 1/9!
        p = p * z - 1.0 / 5_040.0                               // 1/7!
        p = p * z + 1.0 / 120.0                                 // 1/5!
        p = p * z - 1.0 / 6.0                                   // 1/3!
        return t + t * z * p
    }

    /// cos t for |t| ≤ π/4: Taylor polynomial to t^22 (truncation below 2^−70).
    private static func cosKernel(_ t: Double) -> Double {
        let z = t * t
        var p = -1.0 / 1_124_000_727_777_607_680_000.0          // −1/22!
        p = p * z + 1.0 / 2_432_902_008_176_640_000.0           // 1/20!
        p = p * z - 1.0 / 6_402_373_705_728_000.0               // 1/18!
        p = p * z + 1.0 / 20_922_789_888_000.0                  // 1/16!
        p = p * z - 1.0 / 87_178_291_200.0                      // 1/14!
        p = p * z + 1.0 / 479_001_600.0                         // 1/12!
        p = p * z - 1.0 / 3_628_800.0                           // 1/10!
        p = p * z + 1.0 / 40_320.0                              // 1/8!
        p = p * z - 1.0 / 720.0                                 // 1/6!
        p = p * z + 1.0 / 24.0                                  // 1/4!
        let half = 0.5 * z
        let w = 1 - half
        // 1 − z/2 + z²·p, with the rounding error of 1 − z/2 added back.
        return w + (((1 - w) - half) + z * z * p)
    }
}
