import { Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { BearerGuard } from '../oauth/bearer.guard';
import { CaPems, CaService } from './ca.service';

/** The roots as PEM (open, so that clients can bootstrap trust) and their rotation (API.md §3). */
@Controller('admin/api/v1/ca')
export class CaController {
  constructor(private readonly ca: CaService) {}

  @Get()
  certificates(): Promise<CaPems> {
    return this.ca.certificates();
  }

  @Post('rotate')
  @HttpCode(200)
  @UseGuards(BearerGuard)
  rotate(): Promise<CaPems> {
    return this.ca.rotate();
  }
}
