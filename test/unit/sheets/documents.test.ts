import { describe, expect, it } from 'vitest'
import {
  curpCheckDigit,
  isCurpPattern,
  isValidCnpj,
  isValidCpf,
  isValidCurp,
  isValidImei,
  isValidRfc,
  isValidRuc,
  isValidRut,
  isVinPattern,
  nitVerifier,
  rfcCheckDigit,
  rutVerifier
} from '../../../src/shared/sheets/documents'

describe('Brazilian CPF', () => {
  it('accepts numbers whose two check digits match', () => {
    expect(isValidCpf('52998224725')).toBe(true)
    expect(isValidCpf('11144477735')).toBe(true)
  })
  it('rejects a changed digit, repeated digits and wrong lengths', () => {
    expect(isValidCpf('52998224726')).toBe(false)
    expect(isValidCpf('12345678900')).toBe(false)
    expect(isValidCpf('11111111111')).toBe(false)
    expect(isValidCpf('5299822472')).toBe(false)
  })
})

describe('Brazilian CNPJ', () => {
  it('accepts valid numbers', () => {
    expect(isValidCnpj('11222333000181')).toBe(true)
    expect(isValidCnpj('11444777000161')).toBe(true)
  })
  it('rejects invalid ones', () => {
    expect(isValidCnpj('11222333000182')).toBe(false)
    expect(isValidCnpj('00000000000000')).toBe(false)
    expect(isValidCnpj('1122233300018')).toBe(false)
  })
})

describe('Chilean RUT/RUN', () => {
  it('computes verifiers including 0 and K', () => {
    expect(rutVerifier('12345678')).toBe('5')
    expect(rutVerifier('11111111')).toBe('1')
    expect(rutVerifier('8765432')).toBe('K')
  })
  it('validates body and verifier together', () => {
    expect(isValidRut('123456785')).toBe(true)
    expect(isValidRut('8765432K')).toBe(true)
    expect(isValidRut('123456789')).toBe(false)
    expect(isValidRut('12345')).toBe(false)
  })
})

describe('Colombian NIT', () => {
  it('gives the DIAN verification digit of well-known companies', () => {
    expect(nitVerifier('890903938')).toBe(8) // Bancolombia
    expect(nitVerifier('860034313')).toBe(7) // Davivienda
    expect(nitVerifier('899999068')).toBe(1) // Ecopetrol
  })
})

describe('Peruvian RUC', () => {
  it('accepts valid company RUCs and rejects a changed digit', () => {
    expect(isValidRuc('20100070970')).toBe(true)
    expect(isValidRuc('20131312955')).toBe(true)
    expect(isValidRuc('20100070971')).toBe(false)
    expect(isValidRuc('30100070970')).toBe(false)
  })
})

describe('Mexican CURP', () => {
  it('checks pattern and check digit', () => {
    expect(isValidCurp('HEGG560427MVZRRL04')).toBe(true)
    expect(curpCheckDigit('HEGG560427MVZRRL0')).toBe(4)
    expect(isValidCurp('HEGG560427MVZRRL05')).toBe(false)
  })
  it('rejects impossible dates, sexes and states', () => {
    expect(isCurpPattern('HEGG561327MVZRRL04')).toBe(false)
    expect(isCurpPattern('HEGG560427ZVZRRL04')).toBe(false)
    expect(isCurpPattern('HEGG560427MXXRRL04')).toBe(false)
  })
})

describe('Mexican RFC', () => {
  it('accepts real company and person RFCs with their check digit', () => {
    expect(isValidRfc('SAT970701NN3')).toBe(true)
    expect(isValidRfc('CFE370814QI0')).toBe(true)
    expect(isValidRfc('GODE561231GR8')).toBe(true)
    expect(rfcCheckDigit('GODE561231GR')).toBe('8')
  })
  it('rejects a wrong check digit or pattern', () => {
    expect(isValidRfc('SAT970701NN4')).toBe(false)
    expect(isValidRfc('SAT971301NN3')).toBe(false)
  })
})

describe('IMEI and VIN', () => {
  it('checks the IMEI Luhn digit', () => {
    expect(isValidImei('490154203237518')).toBe(true)
    expect(isValidImei('490154203237519')).toBe(false)
  })
  it('checks the VIN alphabet and length', () => {
    expect(isVinPattern('1HGCM82633A004352')).toBe(true)
    expect(isVinPattern('1HGCM82633A00435O')).toBe(false)
    expect(isVinPattern('1HGCM82633A00435')).toBe(false)
  })
})
