import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { diagnoseTexts } from '@fleetlic/licensing-domain';
import { RequireRole } from '../auth/roles.decorator';
import { jsonSchemaOf } from '../docs/json-schema';
import { parseInput } from '../http/parse-input';

const diagnoseSchema = z.object({
  runningConfigCallhome: z.string().max(512 * 1024).optional(),
  licenseStatus: z.string().max(512 * 1024).optional(),
});

/** Diagnosis of texts pasted from a real switch; pure, so a viewer may call it. */
@ApiTags('diagnosis')
@Controller('diagnose')
export class DiagnoseController {
  @Post()
  @HttpCode(200)
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Known problems (SPEC §11) found in `show running-config callhome` and `show license status` texts' })
  @ApiBody({ schema: jsonSchemaOf(diagnoseSchema) })
  @ApiResponse({ status: 200, description: '{ findings: [{ problem, evidence, remedy }] }' })
  diagnose(@Body() body: unknown): unknown {
    const texts = parseInput(diagnoseSchema, body);
    const result = diagnoseTexts(texts) as unknown;
    return Array.isArray(result) ? { findings: result } : result;
  }
}
