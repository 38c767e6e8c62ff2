"""Reference parameter count of DARTS' NetworkImageNet (DARTS-V2 genotype), written from the
architecture's description (Liu et al. 2019, Sec. A.2): not a copy of DARTS' code."""
import torch
import torch.nn as nn

def relu_conv_bn(ci, co, k, s, p):
    return nn.Sequential(nn.ReLU(), nn.Conv2d(ci, co, k, s, p, bias=False), nn.BatchNorm2d(co))

class FactorizedReduce(nn.Module):
    def __init__(self, ci, co):
        super().__init__()
        self.c1 = nn.Conv2d(ci, co // 2, 1, 2, bias=False)
        self.c2 = nn.Conv2d(ci, co // 2, 1, 2, bias=False)
        self.bn = nn.BatchNorm2d(co)

def sep_conv(c, k, s, p):
    return nn.Sequential(
        nn.ReLU(), nn.Conv2d(c, c, k, s, p, groups=c, bias=False), nn.Conv2d(c, c, 1, bias=False), nn.BatchNorm2d(c),
        nn.ReLU(), nn.Conv2d(c, c, k, 1, p, groups=c, bias=False), nn.Conv2d(c, c, 1, bias=False), nn.BatchNorm2d(c))

def dil_conv(c, k, s, p, d):
    return nn.Sequential(nn.ReLU(), nn.Conv2d(c, c, k, s, p, dilation=d, groups=c, bias=False),
                         nn.Conv2d(c, c, 1, bias=False), nn.BatchNorm2d(c))

def op(name, c, stride):
    if name == 'sep_conv_3x3':
        return sep_conv(c, 3, stride, 1)
    if name == 'sep_conv_5x5':
        return sep_conv(c, 5, stride, 2)
    if name == 'dil_conv_3x3':
        return dil_conv(c, 3, stride, 2, 2)
    if name == 'dil_conv_5x5':
        return dil_conv(c, 5, stride, 4, 2)
    if name == 'skip_connect':
        return nn.Identity() if stride == 1 else FactorizedReduce(c, c)
    if name in ('max_pool_3x3', 'avg_pool_3x3'):
        return nn.Identity()  # no parameters
    raise ValueError(name)

NORMAL = [('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 1),
          ('skip_connect', 0), ('skip_connect', 0), ('dil_conv_3x3', 2)]
REDUCE = [('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0),
          ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)]

class Cell(nn.Module):
    def __init__(self, cpp, cp, c, reduction, reduction_prev):
        super().__init__()
        self.pre0 = FactorizedReduce(cpp, c) if reduction_prev else relu_conv_bn(cpp, c, 1, 1, 0)
        self.pre1 = relu_conv_bn(cp, c, 1, 1, 0)
        genes = REDUCE if reduction else NORMAL
        self.ops = nn.ModuleList(op(n, c, 2 if reduction and j < 2 else 1) for n, j in genes)

class AuxImageNet(nn.Module):
    def __init__(self, c, classes):
        super().__init__()
        self.features = nn.Sequential(nn.ReLU(), nn.AvgPool2d(5, 2), nn.Conv2d(c, 128, 1, bias=False), nn.BatchNorm2d(128),
                                      nn.ReLU(), nn.Conv2d(128, 768, 2, bias=False), nn.ReLU())
        self.classifier = nn.Linear(768, classes)

class NetworkImageNet(nn.Module):
    def __init__(self, C=48, classes=1000, layers=14):
        super().__init__()
        self.stem0 = nn.Sequential(nn.Conv2d(3, C // 2, 3, 2, 1, bias=False), nn.BatchNorm2d(C // 2), nn.ReLU(),
                                   nn.Conv2d(C // 2, C, 3, 2, 1, bias=False), nn.BatchNorm2d(C))
        self.stem1 = nn.Sequential(nn.ReLU(), nn.Conv2d(C, C, 3, 2, 1, bias=False), nn.BatchNorm2d(C))
        cpp, cp, c = C, C, C
        self.cells = nn.ModuleList()
        reduction_prev = True
        for i in range(layers):
            reduction = i in (layers // 3, 2 * layers // 3)
            if reduction:
                c *= 2
            self.cells.append(Cell(cpp, cp, c, reduction, reduction_prev))
            reduction_prev = reduction
            cpp, cp = cp, 4 * c
            if i == 2 * layers // 3:
                aux_c = cp
        self.auxiliary_head = AuxImageNet(aux_c, classes)
        self.classifier = nn.Linear(cp, classes)

def count(m, skip_aux=True):
    return sum(p.numel() for n, p in m.named_parameters() if not (skip_aux and 'auxiliary' in n))

net = NetworkImageNet()
print('DARTS-V2 NetworkImageNet C=48, 14 cells, 1000 classes: parameters without auxiliary head', count(net))
print('with auxiliary head', count(net, False))
small = NetworkImageNet(C=8, classes=5, layers=5)
print('C=8, 5 cells, 5 classes:', count(small), 'with aux', count(small, False))
