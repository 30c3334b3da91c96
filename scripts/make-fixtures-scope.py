#!/usr/bin/python3
"""Writes test/fixtures/colaboradores-br.csv the way a Brazilian payroll export does (Python’s csv module,
semicolons, dd/mm/yyyy dates): staff by CPF under a generic "Documento" header, with their state (UF) and date of birth. The
wizard must propose Brazil and a person check from the values alone. Run with /usr/bin/python3.
"""
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'test', 'fixtures', 'colaboradores-br.csv')


def cpf(base9):
    digits = [int(d) for d in base9]
    for length in (9, 10):
        total = sum(d * (length + 1 - i) for i, d in enumerate(digits[:length]))
        check = (total * 10) % 11
        digits.append(0 if check == 10 else check)
    text = ''.join(str(d) for d in digits)
    return f'{text[:3]}.{text[3:6]}.{text[6:9]}-{text[9:]}'


NAMES = ['Ana Beatriz Souza', 'João Pedro Oliveira', 'Mariana Costa Lima', 'Lucas Almeida Rocha',
         'Fernanda Ribeiro Dias', 'Rafael Gomes Pereira', 'Juliana Martins Alves', 'Gustavo Carvalho Nunes',
         'Camila Rodrigues Melo', 'Thiago Fernandes Barros', 'Larissa Araújo Teixeira', 'Bruno Cardoso Moreira']
UFS = ['SP', 'RJ', 'MG', 'RS', 'PR', 'BA', 'SC', 'PE', 'CE', 'GO', 'DF', 'ES']

rng = random.Random(16)
with open(OUT, 'w', newline='', encoding='utf-8') as f:
    writer = csv.writer(f, delimiter=';')
    writer.writerow(['Documento', 'Nome completo', 'UF', 'Data de nascimento'])
    for i, name in enumerate(NAMES):
        base = ''.join(str(rng.randint(0, 9)) for _ in range(9))
        writer.writerow([cpf(base), name, UFS[i], f'{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1965, 2002)}'])
